// Hands the merchant's locale, and the time zone dates are shown in, to every component below
// the app layout. Dates use the shop's Wakilni zone rather than the browser's: the server and
// the browser then render the same text (no hydration mismatch), and the times read like the
// ones in the Wakilni portal.
import { createContext, Fragment, useContext, useMemo, type ReactElement, type ReactNode } from "react";
import { LtrText } from "../components/ltr-text";
import type { Locale } from "./locale";
import { translator, type MessageKey, type Translate } from "./messages";

interface LocaleSettings {
  locale: Locale;
  timeZone: string;
}

const LocaleContext = createContext<LocaleSettings>({ locale: "en", timeZone: "UTC" });

export function LocaleProvider({ locale, timeZone, children }: LocaleSettings & { children: ReactNode }) {
  const value = useMemo(() => ({ locale, timeZone }), [locale, timeZone]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  return useContext(LocaleContext).locale;
}

export function useTranslate(): Translate {
  const locale = useLocale();
  return useMemo(() => translator(locale), [locale]);
}

export type TranslateRich = (key: MessageKey, values?: Record<string, ReactNode>) => ReactElement;

/**
 * useTranslate for messages whose values are elements — a link, a waybill in LtrText — so that
 * they sit in the translated sentence without being flattened to text. A placeholder with no
 * value ("use {waybill} or {order_id}") is shown as the literal, code-like text it is: isolated
 * left to right.
 */
export function useTranslateRich(): TranslateRich {
  const t = useTranslate();
  return useMemo(
    () => (key, values) => (
      <>
        {t(key)
          .split(/(\{\w+\})/)
          .map((part, index) => {
            const name = /^\{(\w+)\}$/.exec(part)?.[1];
            if (name === undefined) return part;
            return <Fragment key={index}>{values && name in values ? values[name] : <LtrText>{part}</LtrText>}</Fragment>;
          })}
      </>
    ),
    [t],
  );
}

/** Formats an instant (a Date, or the ISO text a loader sent) for the merchant, to the second. */
export function useFormatDateTime(): (value: Date | string) => string {
  const { locale, timeZone } = useContext(LocaleContext);
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium", timeZone });
    return (value) => format.format(typeof value === "string" ? new Date(value) : value);
  }, [locale, timeZone]);
}
