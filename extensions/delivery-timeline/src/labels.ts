// What the block writes for the route's codes: statuses and outcomes in the merchant's language
// and with their tones, read from the tables the app's own pages use, so the order page and the
// app name and colour a status alike. The route also sends English labels; they are only the
// fallback for a status code newer than this extension. No `shopify` global here: the app's
// tests check these functions against the app's badges.
import type { OrderDelivery } from "../../../app/delivery/order-timeline";
import { TIMELINE_OUTCOMES, timelineOutcomeFromCode } from "../../../app/delivery/timeline-outcomes";
import { supportedLocale, type Locale } from "../../../app/i18n/locale";
import { NO_STATUS_NAME, WAKILNI_STATUSES, type BadgeTone } from "../../../app/wakilni/statuses";
import { topicFromCode } from "../../../app/wakilni/topics";

/**
 * The language of the locale file Shopify picked for the merchant, given its `locale` entry:
 * admin extensions are not told the merchant's locale, and this way the table's names follow
 * the same choice as the block's other texts.
 */
export function blockLocale(localeEntry: string): Locale {
  return supportedLocale(localeEntry) ?? "en";
}

export function statusTone(status: string | null): BadgeTone {
  const topic = status ? topicFromCode(status) : null;
  return topic ? WAKILNI_STATUSES[topic].tone : "neutral";
}

export function statusText({ status, statusLabel }: Pick<OrderDelivery, "status" | "statusLabel">, locale: Locale): string {
  const topic = status ? topicFromCode(status) : null;
  if (topic) return WAKILNI_STATUSES[topic].name[locale];
  return statusLabel ?? status ?? NO_STATUS_NAME[locale];
}

/** A timeline entry's topic: a known code translated, an unknown one as Wakilni named it. */
export function topicText(topic: string | null, locale: Locale): string | null {
  const known = topic ? topicFromCode(topic) : null;
  return known ? WAKILNI_STATUSES[known].name[locale] : topic;
}

export function outcomeTone(outcome: string): BadgeTone {
  const known = timelineOutcomeFromCode(outcome);
  return known ? TIMELINE_OUTCOMES[known].tone : "neutral";
}

export function outcomeText(outcome: string, locale: Locale): string {
  const known = timelineOutcomeFromCode(outcome);
  return known ? TIMELINE_OUTCOMES[known].name[locale] : outcome;
}
