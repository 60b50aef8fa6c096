// The AppProvider's Polaris strings follow the merchant's locale, and the app's own Arabic
// catalogue stays a complete, faithful copy of Polaris's English one (every key, every {placeholder}).
import { AppProvider, Pagination } from "@shopify/polaris";
import polarisEnglish from "@shopify/polaris/locales/en.json";
import polarisFrench from "@shopify/polaris/locales/fr.json";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SUPPORTED_LOCALES } from "./locale";
import { polarisTranslations } from "./polaris-translations";

type Catalogue = { [key: string]: string | Catalogue };

function leaves(catalogue: Catalogue, prefix = ""): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    if (typeof value === "string") found.set(prefix + key, value);
    else for (const [path, text] of leaves(value, `${prefix}${key}.`)) found.set(path, text);
  }
  return found;
}

const placeholders = (text: string) => [...text.matchAll(/\{\w+\}/g)].map((match) => match[0]).sort();

describe("Polaris translations", () => {
  it("are Polaris's own English and French, and the app's Arabic", () => {
    expect(polarisTranslations("en")).toBe(polarisEnglish);
    expect(polarisTranslations("fr")).toBe(polarisFrench);
    expect(leaves(polarisTranslations("ar")).get("Polaris.Pagination.next")).toBe("التالي");
  });

  // A language may add plural forms (French has `many`); it may not miss a string.
  it.each(SUPPORTED_LOCALES)("%s has every string of Polaris's English catalogue, with the same placeholders", (locale) => {
    const translated = leaves(polarisTranslations(locale));
    for (const [key, text] of leaves(polarisEnglish)) {
      expect(translated.has(key), key).toBe(true);
      expect(placeholders(translated.get(key)!), key).toEqual(placeholders(text));
    }
  });

  it("in Arabic, exactly Polaris's English keys", () => {
    expect([...leaves(polarisTranslations("ar")).keys()].sort()).toEqual([...leaves(polarisEnglish).keys()].sort());
  });

  it("leaves no Arabic string in English (apart from the placeholder-only ones)", () => {
    const english = leaves(polarisEnglish);
    const untranslated = [...leaves(polarisTranslations("ar"))].filter(
      ([key, text]) => text === english.get(key) && /[A-Za-z]{2}/.test(text.replace(/\{\w+\}/g, "")),
    );
    expect(untranslated).toEqual([]);
  });

  it.each([
    ["en", "Next"],
    ["fr", "Suivant"],
    ["ar", "التالي"],
  ] as const)("reach Polaris's components in %s", (locale, next) => {
    const html = renderToStaticMarkup(
      createElement(AppProvider, { i18n: polarisTranslations(locale) }, createElement(Pagination, { hasNext: true, onNext: () => {} })),
    );
    expect(html).toContain(`aria-label="${next}"`);
  });
});
