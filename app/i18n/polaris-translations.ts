// Polaris's own component strings (pagination, "Dismiss notification", filters, selection
// counts, loading labels) in the merchant's language, for the AppProvider. Polaris ships French
// but no Arabic, so the app carries its own Arabic translation of Polaris's English catalogue
// (polaris-ar.json); a test keeps its keys and placeholders in step with Polaris's en.json.
import polarisEnglish from "@shopify/polaris/locales/en.json";
import polarisFrench from "@shopify/polaris/locales/fr.json";
import polarisArabic from "./polaris-ar.json";
import type { Locale } from "./locale";

export type PolarisTranslations = typeof polarisEnglish;

const POLARIS_TRANSLATIONS: Record<Locale, PolarisTranslations> = {
  en: polarisEnglish,
  fr: polarisFrench as PolarisTranslations,
  ar: polarisArabic,
};

export function polarisTranslations(locale: Locale): PolarisTranslations {
  return POLARIS_TRANSLATIONS[locale];
}
