// The merchant's language. Shopify passes the admin's locale to embedded apps as `locale`
// (e.g. `fr`, `ar`, `en-GB`) on the first load only: in-app navigation drops it, so it is
// remembered in a cookie; the browser's Accept-Language is the last fallback.
export const SUPPORTED_LOCALES = ["en", "fr", "ar"] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

/** The supported language of a locale tag ("fr-CA" is fr), or null. */
export function supportedLocale(tag: string | null | undefined): Locale | null {
  const language = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return (SUPPORTED_LOCALES as readonly string[]).includes(language ?? "") ? (language as Locale) : null;
}

const LOCALE_COOKIE = "wakilni_locale";

function localeFromCookie(request: Request): Locale | null {
  const match = (request.headers.get("cookie") ?? "").match(new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]*)`));
  return match ? supportedLocale(match[1]) : null;
}

export function localeFromRequest(request: Request): Locale {
  const fromShopify = supportedLocale(new URL(request.url).searchParams.get("locale"));
  if (fromShopify) return fromShopify;
  const remembered = localeFromCookie(request);
  if (remembered) return remembered;
  for (const part of (request.headers.get("accept-language") ?? "").split(",")) {
    const match = supportedLocale(part.split(";")[0]);
    if (match) return match;
  }
  return "en";
}

export function textDirection(locale: Locale): "rtl" | "ltr" {
  return locale === "ar" ? "rtl" : "ltr";
}

/**
 * Headers that remember the locale Shopify passed, for the requests that will not carry it.
 * The app lives in the admin's iframe, so the cookie is cross-site: SameSite=None, Secure and
 * Partitioned (CHIPS), which browsers blocking third-party cookies still keep per top site.
 */
export function rememberLocaleHeaders(request: Request): Record<string, string> {
  const fromShopify = supportedLocale(new URL(request.url).searchParams.get("locale"));
  if (!fromShopify || fromShopify === localeFromCookie(request)) return {};
  return { "Set-Cookie": `${LOCALE_COOKIE}=${fromShopify}; Path=/; Max-Age=31536000; SameSite=None; Secure; Partitioned` };
}
