// The app's badges rendered as the merchant gets them, against what the order page's block
// shows for the same codes: the same name in each language, and the same tone.
import { AppProvider } from "@shopify/polaris";
import polarisEnglish from "@shopify/polaris/locales/en.json";
import { renderToStaticMarkup } from "react-dom/server";
import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { outcomeText, outcomeTone, statusText, statusTone, topicText } from "../../extensions/delivery-timeline/src/labels";
import { TIMELINE_OUTCOMES } from "../delivery/timeline-outcomes";
import { LocaleProvider } from "../i18n/context";
import { SUPPORTED_LOCALES, type Locale } from "../i18n/locale";
import { ALL_TOPICS } from "../wakilni/topics";
import { DeliveryStatusBadge, OutcomeBadge } from "./status-badges";

/** The Polaris badge class each tone of the block's `s-badge` should look like; neutral has none. */
const POLARIS_CLASS = {
  neutral: null,
  info: "Polaris-Badge--toneInfo",
  success: "Polaris-Badge--toneSuccess",
  caution: "Polaris-Badge--toneAttention",
  warning: "Polaris-Badge--toneWarning",
  critical: "Polaris-Badge--toneCritical",
} as const;

function renderBadge(badge: ReactNode, locale: Locale = "en"): { toneClass: string | null; text: string } {
  const html = renderToStaticMarkup(
    <AppProvider i18n={polarisEnglish}>
      <LocaleProvider locale={locale} timeZone="UTC">
        {badge}
      </LocaleProvider>
    </AppProvider>,
  );
  const toneClass = html.match(/Polaris-Badge--tone\w+/)?.[0] ?? null;
  // The badge's visible text is its last span; a toned badge says its tone to screen readers first.
  const text = [...html.matchAll(/<span[^>]*>([^<]*)<\/span>/g)].at(-1)?.[1] ?? "";
  return { toneClass, text };
}

const decode = (text: string) => text.replaceAll("&#x27;", "'").replaceAll("&amp;", "&");

describe("a delivery's status, in the app and on the order page", () => {
  it.each(ALL_TOPICS)("%s has one tone", (topic) => {
    expect(renderBadge(<DeliveryStatusBadge status={topic} matched />).toneClass).toBe(POLARIS_CLASS[statusTone(topic)]);
  });

  it.each(SUPPORTED_LOCALES)("has one name for every status in %s", (locale) => {
    for (const topic of ALL_TOPICS) {
      const { text } = renderBadge(<DeliveryStatusBadge status={topic} matched />, locale);
      expect(decode(text)).toBe(statusText({ status: topic, statusLabel: null }, locale));
      expect(topicText(topic, locale)).toBe(statusText({ status: topic, statusLabel: null }, locale));
    }
  });

  it("is neutral and says so when there is no status yet or the code is unknown", () => {
    for (const locale of SUPPORTED_LOCALES) {
      const none = renderBadge(<DeliveryStatusBadge status={null} matched />, locale);
      expect(none.toneClass).toBe(POLARIS_CLASS[statusTone(null)]);
      expect(decode(none.text)).toBe(statusText({ status: null, statusLabel: null }, locale));
    }
    const unknown = renderBadge(<DeliveryStatusBadge status="returned" matched />);
    expect(unknown).toEqual({ toneClass: POLARIS_CLASS[statusTone("returned")], text: "returned" });
    expect(statusText({ status: "returned", statusLabel: "Returned" }, "fr")).toBe("Returned");
  });
});

describe("a timeline entry's outcome, in the app and on the order page", () => {
  const outcomes = Object.keys(TIMELINE_OUTCOMES);

  it.each(outcomes)("%s has one tone and one name in every language", (outcome) => {
    expect(renderBadge(<OutcomeBadge outcome={outcome} />).toneClass).toBe(POLARIS_CLASS[outcomeTone(outcome)]);
    for (const locale of SUPPORTED_LOCALES) {
      expect(decode(renderBadge(<OutcomeBadge outcome={outcome} />, locale).text)).toBe(outcomeText(outcome, locale));
    }
  });

  it("shows an unknown outcome as it is, without a tone", () => {
    expect(renderBadge(<OutcomeBadge outcome="archived" />)).toEqual({ toneClass: null, text: "archived" });
    expect([outcomeTone("archived"), outcomeText("archived", "ar")]).toEqual(["neutral", "archived"]);
  });
});
