// Keeps code-like text (waybills, "#1001", "Wakilni: " tags, URLs, Shopify's own error text)
// in its left-to-right order inside Arabic, where plain text would reorder it ("1001#",
// ":Wakilni"). For strings that cannot hold a <bdi> (page titles, badges, texts built from a
// table); JSX uses <bdi> or dir="ltr". Import-free: the order-page extension bundles it too.
import type { Locale } from "./locale";

// Unicode's left-to-right isolate and its closing pop.
const LRI = "\u2066";
const PDI = "\u2069";

/** The text isolated as left-to-right in a right-to-left locale, as it is otherwise. */
export function ltrIsolate(text: string, locale: Locale): string {
  return locale === "ar" ? `${LRI}${text}${PDI}` : text;
}
