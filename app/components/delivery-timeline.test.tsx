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
import { DeliveryTimeline, StepDetailsPanel, type StepDetails } from "./delivery-timeline";

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
  en: {
    applied: "Applied: Assigned",
    status: "Assigned",
    undone: "Undone",
    link: "Linked to order #1001",
    time: "11:05:00",
    happened: "Wakilni: ",
  },
  fr: {
    applied: "Appliqué : Attribuée",
    status: "Attribuée",
    undone: "Annulé",
    link: "Liée à la commande #1001",
    time: "11:05:00",
    happened: "Wakilni : ",
  },
  ar: {
    applied: "تم التطبيق: تم التعيين لسائق",
    status: "تم التعيين لسائق",
    undone: "تم التراجع",
    link: "\u2066#1001\u2069",
    time: "11:05:00 ص",
    // Right to left from its first letter, so the date after it keeps its order.
    happened: "وكيلني: ",
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
    expect(html).toMatch(new RegExp(`${expected.happened}\\S`));
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

describe("the inbox's details, in the merchant's language", () => {
  const failed: TimelineStep = {
    ...applied,
    id: "event-5",
    inboxEventId: 5,
    outcome: "failed",
    message: { key: "shopifyRefused", values: { error: "Fulfillment order 7 has an unfulfillable status= on_hold." } },
    actions: [],
    inbox: {
      state: "failed",
      attempts: 2,
      receiptCount: 1,
      lastError: { key: "shopifyRefused", values: { error: "Fulfillment order 7 has an unfulfillable status= on_hold." } },
      receivedAt: "2026-11-30T09:05:01.000Z",
    },
  };
  const transition = (id: number, state: string, message: StepDetails["transitions"][number]["message"]) => ({
    id,
    state,
    at: "2026-11-30T09:05:01.000Z",
    message,
  });
  const details: StepDetails = {
    body: "{}",
    conflicts: [],
    transitions: [
      transition(1, "received", { key: "unsupported", values: { topicName: "teleported" } }),
      transition(2, "processing", { key: "leaseExpired", values: {} }),
      transition(3, "received", { key: "temporaryFailure", values: { error: "socket hang up" } }),
      transition(4, "received", { key: "waitingForEarlierEvent", values: {} }),
      transition(5, "parked", { key: "unmatchedOrder", values: { waybill: "WK-9" } }),
      transition(6, "received", { key: "linkedToOrder", values: { order: "#1001" } }),
      transition(7, "parked", { key: "unlinkedWaiting", values: { order: "#1001" } }),
      transition(8, "applied", { key: "alreadyApplied", values: {} }),
      transition(9, "failed", { key: "appNotInstalled", values: {} }),
      transition(10, "failed", { key: "dataRefused", values: { error: "value too long" } }),
      transition(11, "received", { key: "manualRetry", values: {} }),
      transition(12, "failed", { text: "userErrors: an old row" }),
    ],
  };

  function renderDetails(locale: Locale): string {
    const html = renderToStaticMarkup(
      <AppProvider i18n={polarisEnglish}>
        <LocaleProvider locale={locale} timeZone="Asia/Beirut">
          <StepDetailsPanel step={failed} details={details} />
        </LocaleProvider>
      </AppProvider>,
    );
    return html.replaceAll("&#x27;", "'").replaceAll("&amp;", "&").replaceAll("&quot;", '"');
  }

  const SAID = {
    en: [
      "Last error: Shopify refused: Fulfillment order 7 has an unfulfillable status= on_hold.",
      "Not applied: unknown Wakilni status teleported",
      "Picked up again: an earlier attempt stopped without finishing",
      "Temporary failure: socket hang up",
      "Waiting for an earlier event of this waybill",
      "No order matches waybill WK-9 yet",
      "Linked to order #1001",
      "Unlinked from order #1001: waiting for a link",
      "Already applied",
      "Not applied: the app is not installed on this shop",
      "Not applied: the database refused the event's data (value too long)",
      "Sent again by a manual retry",
    ],
    fr: [
      "Dernière erreur : Refusé par Shopify : Fulfillment order 7 has an unfulfillable status= on_hold.",
      "Non appliqué : statut Wakilni inconnu teleported",
      "Repris : une tentative précédente s’est arrêtée sans finir",
      "Échec temporaire : socket hang up",
      "En attente d’un événement antérieur de cette lettre de transport",
      "Aucune commande ne correspond encore à la lettre de transport WK-9",
      "Liée à la commande #1001",
      "Déliée de la commande #1001 : en attente d’un lien",
      "Déjà appliqué",
      "Non appliqué : l’app n’est pas installée sur cette boutique",
      "Non appliqué : la base de données a refusé les données de l’événement (value too long)",
      "Renvoyé par une relance manuelle",
    ],
    ar: [
      "آخر خطأ: رفض Shopify: \u2066Fulfillment order 7 has an unfulfillable status= on_hold.\u2069",
      "لم يُطبَّق: حالة Wakilni غير معروفة \u2066teleported\u2069",
      "استُؤنف: توقفت محاولة سابقة دون أن تكتمل",
      "إخفاق مؤقت: \u2066socket hang up\u2069",
      "بانتظار حدث سابق لبوليصة الشحن هذه",
      "لا يوجد طلب يطابق بوليصة الشحن \u2066WK-9\u2069",
      "تم الربط بالطلب \u2066#1001\u2069",
      "تم فك الربط بالطلب \u2066#1001\u2069: بانتظار ربط",
      "مطبَّق بالفعل",
      "لم يُطبَّق: التطبيق غير مثبَّت على هذا المتجر",
      "لم يُطبَّق: رفضت قاعدة البيانات بيانات الحدث (\u2066value too long\u2069)",
      "أُعيد إرساله بإعادة محاولة يدوية",
    ],
  } as const;

  it.each(["en", "fr", "ar"] as const)("says each kind of state change and the last error in %s", (locale) => {
    const html = renderDetails(locale);
    for (const text of SAID[locale]) expect(html, text).toContain(text);
    // A row from before message keys: its English text, left-to-right inside Arabic.
    expect(html).toContain(locale === "ar" ? "\u2066userErrors: an old row\u2069" : "userErrors: an old row");
  });
});
