// What the app knows about each Wakilni order status, one row per status: the topic name
// Wakilni sends, the label Shopify keeps in tags, the merchant's name for it in each language,
// its badge tone, and the rules of the parcel's journey. The topic list, the order tags, the
// app's pages and the order-page block all read it from here, so a new Wakilni status is one
// new row (plus a message in ../delivery/plan.ts if Wakilni's details should reach Shopify).
// Type imports only: the order-page extension bundles this module as it is.
import type { Locale } from "../i18n/locale";

/**
 * How a status reads at a glance: good news, news, something to watch, bad news. The words of
 * Shopify's admin UI components (the order-page block's `s-badge`); the app maps them onto Polaris.
 */
export type BadgeTone = "neutral" | "info" | "success" | "caution" | "warning" | "critical";

/** The values of the Admin API's FulfillmentEventStatus the app reports. */
export type FulfillmentEventStatus =
  "CONFIRMED" | "OUT_FOR_DELIVERY" | "DELAYED" | "ATTEMPTED_DELIVERY" | "DELIVERED" | "FAILURE" | "READY_FOR_PICKUP";

export type LocalizedText = Readonly<Record<Locale, string>>;

export interface StatusDefinition {
  /** Wakilni's name for the topic, as sent in `event` and x-webhook-topic (matched ignoring case and spacing). */
  topicName: string;
  /**
   * The names Wakilni's HTTP API may give this status in an order's status and history (matched
   * ignoring case, spacing, underscores and commas): the webhook sample's display names
   * ("Confirmed", "Pending") and the API page's constants (CONFIRMED, "SUCCESS, REJECTED"). All are
   * guesses recorded in docs/decisions/020; the first is what the sandbox's Wakilni API sends.
   */
  apiStatusNames: readonly string[];
  /**
   * Shopify data, in English whatever the merchant's language: the order tag is the shop's prefix
   * and this label, and the metafield's statusLabel and the timeline notes carry it too. A label
   * changed here is no longer recognised on the orders already tagged with the old one.
   */
  tagLabel: string;
  /** The merchant's name for the status, in the app and on the order page. */
  name: LocalizedText;
  /** Delivered is success, a parcel on its way info, a delay, a failed attempt or a pending cancelation a warning, any other end critical. */
  tone: BadgeTone;
  /** The parcel's journey is over: later events never move Shopify backwards. */
  terminal: boolean;
  /** A merchant should look at the order (the extra "Needs attention" tag). */
  needsAttention: boolean;
  /** The app's fulfillment, if it exists, is cancelled. */
  cancelsFulfillment: boolean;
  /**
   * The Shopify fulfillment event reported once the fulfillment is due, so Shopify sends its own
   * shipping emails; `message` is its text when Wakilni gives no details to say more.
   */
  fulfillmentEvent: { status: FulfillmentEventStatus; message: string } | null;
}

/** In the order of a parcel's journey, which is also the order the app lists status tags in. */
export const WAKILNI_STATUSES = {
  created: {
    topicName: "Order Created",
    apiStatusNames: ["Pending", "Created"],
    tagLabel: "Created",
    name: { en: "Created", fr: "Créée", ar: "تم الإنشاء" },
    tone: "info",
    terminal: false,
    needsAttention: false,
    cancelsFulfillment: false,
    fulfillmentEvent: null,
  },
  confirmed: {
    topicName: "Order Confirmed",
    apiStatusNames: ["Confirmed"],
    tagLabel: "Confirmed",
    name: { en: "Confirmed", fr: "Confirmée", ar: "تم التأكيد" },
    tone: "info",
    terminal: false,
    needsAttention: false,
    cancelsFulfillment: false,
    fulfillmentEvent: null,
  },
  assigned: {
    topicName: "Order Assigned",
    apiStatusNames: ["Assigned"],
    tagLabel: "Assigned",
    name: { en: "Assigned", fr: "Attribuée", ar: "تم التعيين لسائق" },
    tone: "info",
    terminal: false,
    needsAttention: false,
    cancelsFulfillment: false,
    fulfillmentEvent: { status: "CONFIRMED", message: "Assigned to a driver" },
  },
  processed: {
    topicName: "Order Processed",
    apiStatusNames: ["Processing", "Processed", "Out for delivery"],
    tagLabel: "Out for delivery",
    name: { en: "Out for delivery", fr: "En cours de livraison", ar: "قيد التوصيل" },
    tone: "info",
    terminal: false,
    needsAttention: false,
    cancelsFulfillment: false,
    fulfillmentEvent: { status: "OUT_FOR_DELIVERY", message: "Out for delivery" },
  },
  postponed: {
    topicName: "Order Postponed",
    apiStatusNames: ["Postponed"],
    tagLabel: "Postponed",
    name: { en: "Postponed", fr: "Reportée", ar: "مؤجلة" },
    tone: "warning",
    terminal: false,
    needsAttention: true,
    cancelsFulfillment: false,
    fulfillmentEvent: { status: "DELAYED", message: "Delivery postponed" },
  },
  failed: {
    topicName: "Order Failed",
    apiStatusNames: ["Failed"],
    tagLabel: "Failed attempt",
    name: { en: "Failed attempt", fr: "Tentative échouée", ar: "محاولة فاشلة" },
    tone: "warning",
    terminal: false,
    needsAttention: true,
    cancelsFulfillment: false,
    fulfillmentEvent: { status: "ATTEMPTED_DELIVERY", message: "Delivery attempt failed" },
  },
  completed: {
    topicName: "Order Completed",
    apiStatusNames: ["Success", "Completed", "Delivered"],
    tagLabel: "Delivered",
    name: { en: "Delivered", fr: "Livrée", ar: "تم التسليم" },
    tone: "success",
    terminal: true,
    needsAttention: false,
    cancelsFulfillment: false,
    fulfillmentEvent: { status: "DELIVERED", message: "Delivered" },
  },
  completed_rejected: {
    topicName: "Order Completed Rejected",
    apiStatusNames: ["Success, Rejected", "Completed Rejected", "Rejected"],
    tagLabel: "Rejected",
    name: { en: "Rejected by recipient", fr: "Refusée par le destinataire", ar: "رفضها المستلم" },
    tone: "critical",
    terminal: true,
    needsAttention: true,
    cancelsFulfillment: false,
    fulfillmentEvent: { status: "FAILURE", message: "Rejected by recipient" },
  },
  closed_failed: {
    topicName: "Order Closed Failed",
    apiStatusNames: ["Closed Failed"],
    tagLabel: "Failed",
    name: { en: "Failed and closed", fr: "Échouée et clôturée", ar: "فشلت وأُغلقت" },
    tone: "critical",
    terminal: true,
    needsAttention: true,
    cancelsFulfillment: false,
    fulfillmentEvent: { status: "FAILURE", message: "Delivery failed and closed by Wakilni" },
  },
  pending_cancelation: {
    topicName: "Order Pending Cancelation",
    apiStatusNames: ["Pending Cancellation", "Pending Cancelation"],
    tagLabel: "Pending cancelation",
    name: { en: "Pending cancelation", fr: "Annulation en cours", ar: "قيد الإلغاء" },
    tone: "warning",
    terminal: false,
    needsAttention: false,
    cancelsFulfillment: false,
    fulfillmentEvent: null,
  },
  canceled: {
    topicName: "Order Canceled",
    apiStatusNames: ["Canceled", "Cancelled"],
    tagLabel: "Canceled",
    name: { en: "Canceled", fr: "Annulée", ar: "ملغاة" },
    tone: "critical",
    terminal: true,
    needsAttention: false,
    cancelsFulfillment: true,
    fulfillmentEvent: null,
  },
  declined: {
    topicName: "Order Declined",
    apiStatusNames: ["Declined"],
    tagLabel: "Declined",
    name: { en: "Declined", fr: "Refusée par Wakilni", ar: "رفضها وكيلني" },
    tone: "critical",
    terminal: true,
    needsAttention: true,
    cancelsFulfillment: true,
    fulfillmentEvent: null,
  },
  ready_for_pickup: {
    topicName: "Order Ready for Self-Pickup",
    apiStatusNames: ["Ready for Self-Pickup", "Ready for Pickup"],
    tagLabel: "Ready for pickup",
    name: { en: "Ready for pickup", fr: "Prête à être retirée", ar: "جاهزة للاستلام" },
    tone: "info",
    terminal: false,
    needsAttention: false,
    cancelsFulfillment: false,
    fulfillmentEvent: { status: "READY_FOR_PICKUP", message: "Ready for pickup at a Wakilni office" },
  },
} as const satisfies Record<string, StatusDefinition>;

/** The name of a delivery that has no applied Wakilni status yet. */
export const NO_STATUS_NAME: LocalizedText = { en: "Waiting for an update", fr: "En attente d’une mise à jour", ar: "بانتظار تحديث" };
