// The delivery page's timeline rendered as the merchant gets it, in each language: statuses,
// outcomes and the engine's messages translated, times in the shop's zone (never raw ISO), an
// undone step shown as undone, and code-like text kept left-to-right in Arabic.
import { AppProvider } from "@shopify/polaris";
import polarisEnglish from "@shopify/polaris/locales/en.json";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { TimelineStep } from "../delivery/order-timeline";
import { LocaleProvider } from "../i18n/context";
import type { Locale } from "../i18n/locale";
import { DeliveryTimeline } from "./delivery-timeline";

const applied: TimelineStep = {
  id: "event-2",
  kind: "event",
  inboxEventId: 2,
  topic: "assigned",
  occurredAt: "2026-11-30T09:05:00.000Z",
  at: "2026-11-30T09:05:00.000Z",
  outcome: "applied",
  undone: false,
  message: { key: "applied", values: { status: "assigned" } },
  actions: [
    {
      outcome: "applied",
      message: { key: "applied", values: { status: "assigned" } },
      recordedAt: "2026-11-30T09:05:02.000Z",
      undoneAt: null,
    },
  ],
  inbox: { state: "applied", attempts: 1, receiptCount: 1, lastError: null, receivedAt: "2026-11-30T09:05:01.000Z" },
};

const undone: TimelineStep = {
  ...applied,
  id: "event-1",
  inboxEventId: 1,
  topic: "created",
  occurredAt: "2026-11-30T08:00:00.000Z",
  at: "2026-11-30T08:00:00.000Z",
  undone: true,
  message: { key: "applied", values: { status: "created" } },
  actions: [
    {
      outcome: "applied",
      message: { key: "applied", values: { status: "created" } },
      recordedAt: "2026-11-30T08:00:02.000Z",
      undoneAt: "2026-11-30T08:30:00.000Z",
    },
  ],
};

const link: TimelineStep = {
  id: "note-9",
  kind: "note",
  inboxEventId: null,
  topic: null,
  occurredAt: null,
  at: "2026-11-30T09:30:00.000Z",
  outcome: "note",
  undone: false,
  message: { key: "linkedToOrder", values: { order: "#1001" } },
  actions: [],
  inbox: null,
};

const legacy: TimelineStep = { ...link, id: "note-3", at: "2026-11-30T07:00:00.000Z", message: { text: "Applied: Assigned" } };

function render(locale: Locale): string {
  const html = renderToStaticMarkup(
    <AppProvider i18n={polarisEnglish}>
      <LocaleProvider locale={locale} timeZone="Asia/Beirut">
        <DeliveryTimeline steps={[link, applied, undone, legacy]} details={{}} retry={null} />
      </LocaleProvider>
    </AppProvider>,
  );
  return html.replaceAll("&#x27;", "'").replaceAll("&amp;", "&");
}

const EXPECTED = {
  en: { applied: "Applied: Assigned", status: "Assigned", undone: "Undone", link: "Linked to order #1001", time: "11:05:00" },
  fr: { applied: "Appliqué : Attribuée", status: "Attribuée", undone: "Annulé", link: "Liée à la commande #1001", time: "11:05:00" },
  ar: {
    applied: "تم التطبيق: تم التعيين لسائق",
    status: "تم التعيين لسائق",
    undone: "تم التراجع",
    link: "\u2066#1001\u2069",
    time: "11:05:00 ص",
  },
} as const;

describe("the delivery timeline", () => {
  it.each(["en", "fr", "ar"] as const)("speaks %s, with times in the shop's zone and never a raw ISO date", (locale) => {
    const html = render(locale);
    const expected = EXPECTED[locale];
    expect(html).toContain(expected.applied);
    expect(html).toContain(expected.status);
    expect(html).toContain(expected.undone);
    expect(html).toContain(expected.link);
    // 09:05 UTC is 11:05 in Beirut in winter.
    expect(html).toContain(expected.time);
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it("orders nothing itself: the steps appear as the model gives them, newest first", () => {
    const html = render("en");
    const positions = ["Linked to order", "Applied: Assigned", "Applied: Created"].map((text) => html.indexOf(text));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it("shows an undone step as undone, with when, not as applied", () => {
    const html = render("en");
    const undoneStep = html.slice(html.indexOf("Applied: Created") - 2000, html.indexOf("Applied: Created") + 600);
    expect(undoneStep).toContain("Undone");
    expect(undoneStep).toContain("Undone by an unlink");
  });

  it("shows a row stored before message keys with its English sentence in every language", () => {
    expect(render("ar")).toContain("Applied: Assigned");
  });
});
