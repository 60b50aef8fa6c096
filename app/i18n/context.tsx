// Hands the merchant's locale, and the time zone dates are shown in, to every component below
// the app layout. Dates use the shop's Wakilni zone rather than the browser's: the server and
// the browser then render the same text (no hydration mismatch), and the times read like the
// ones in the Wakilni portal.
import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { Locale } from "./locale";
import { translator, type Translate } from "./messages";

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

/** Formats an instant (a Date, or the ISO text a loader sent) for the merchant, to the second. */
export function useFormatDateTime(): (value: Date | string) => string {
  const { locale, timeZone } = useContext(LocaleContext);
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium", timeZone });
    return (value) => format.format(typeof value === "string" ? new Date(value) : value);
  }, [locale, timeZone]);
}
