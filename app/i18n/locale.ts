// The merchant's language. Shopify passes the admin's locale to embedded apps as `locale`
// (e.g. `fr`, `ar`, `en-GB`); the browser's Accept-Language is the fallback.
export const SUPPORTED_LOCALES = ["en", "fr", "ar"] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

function supported(tag: string | null | undefined): Locale | null {
  const language = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return (SUPPORTED_LOCALES as readonly string[]).includes(language ?? "") ? (language as Locale) : null;
}

export function localeFromRequest(request: Request): Locale {
  const fromShopify = supported(new URL(request.url).searchParams.get("locale"));
  if (fromShopify) return fromShopify;
  for (const part of (request.headers.get("accept-language") ?? "").split(",")) {
    const match = supported(part.split(";")[0]);
    if (match) return match;
  }
  return "en";
}

export function textDirection(locale: Locale): "rtl" | "ltr" {
  return locale === "ar" ? "rtl" : "ltr";
}
