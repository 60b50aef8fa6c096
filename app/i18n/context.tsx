// Hands the merchant's locale to every component below the app layout.
import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { Locale } from "./locale";
import { translator, type Translate } from "./messages";

const LocaleContext = createContext<Locale>("en");

export function LocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

export function useTranslate(): Translate {
  const locale = useLocale();
  return useMemo(() => translator(locale), [locale]);
}
