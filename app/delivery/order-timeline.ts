// The timeline model: one step per Wakilni status change, ordered by Wakilni's time, with what
// the app did in Shopify folded inside; the app's own acts (a link, an unlink) are steps of their
// own. timeline-steps.ts builds it from the stored rows; the delivery page renders it, and it is
// the JSON the order page's delivery block (extensions/delivery-timeline) reads from
// GET /api/orders/<order id>/timeline. Types only, and no imports, so the extension can share
// them without pulling any server code into its bundle or its type-check.
//
// Texts are never sentences: a message is a key of app/delivery/timeline-messages.ts with its
// values, rendered in the merchant's language by timelineText(). Only rows written before the
// keys existed carry `{ text }`, an English sentence shown as it is. Times are UTC ISO instants,
// to be formatted for the merchant (the shop's zone, the locale's format), never shown raw.

export interface OrderTimeline {
  /** The shop's Wakilni zone (IANA), so the block shows times as the Wakilni portal does. */
  wakilniZone: string;
  /** Newest delivery first; empty when no Wakilni parcel is linked to the order. */
  deliveries: OrderDelivery[];
  /** The shop's connection to Wakilni's API passed its check: the block offers "Refresh from Wakilni". */
  canRefresh: boolean;
}

export interface OrderDelivery {
  /** The delivery's id: its page in the app is /app/deliveries/<id>. */
  id: number;
  waybill: string;
  /** A Wakilni topic code ("processed", "completed"…), null before the first applied event. */
  status: string | null;
  /** The status in English, for a code the block has no translation for. */
  statusLabel: string | null;
  needsAttention: boolean;
  trackingUrl: string | null;
  /** "Name (phone)", the name or the phone: whatever Wakilni gave. */
  driver: string | null;
  /** The driver's name and phone apart, for a tap-to-call link. */
  driverName: string | null;
  driverPhone: string | null;
  /** Why it needs attention (a reason of app/delivery/attention.ts), null when it needs nobody. */
  attentionReason: string | null;
  /** Events the app gave up on (failed, dead, parked): what the block's Retry queues again. */
  retryableEvents: number;
  /** How many Shopify fulfillments carry this parcel (one per merchant location). */
  fulfillmentCount: number;
  /** Newest first (see TimelineStep). */
  timeline: TimelineStep[];
}

/** A value of a message: text, or a list (an unlink's undone parts). */
export type TimelineValue = string | readonly string[];

export type TimelineText =
  /** A key of TIMELINE_MESSAGES and the values its text names. */
  | { key: string; values: Readonly<Record<string, TimelineValue>> }
  /** A row stored before message keys: its English sentence, shown as it is. */
  | { text: string };

/** One thing the app did about a step, as recorded. */
export interface TimelineAction {
  /** A code of app/delivery/timeline-outcomes.ts: applied, stale, after_terminal, unsupported, parked, failed or note. */
  outcome: string;
  message: TimelineText;
  /** When the app did it (UTC ISO). */
  recordedAt: string;
  /** When an unlink took it back on the order (UTC ISO); null while it stands. */
  undoneAt: string | null;
}

/** What the inbox knows of the event behind a step: how it went through the worker. */
export interface TimelineInbox {
  /** A state of app/inbox/inbox-states.ts. */
  state: string;
  attempts: number;
  /** How many times Wakilni sent it. */
  receiptCount: number;
  lastError: TimelineText | null;
  /** First receipt (UTC ISO). */
  receivedAt: string;
}

export interface TimelineStep {
  /** Unique within a delivery's timeline: "event-<inbox id>" or "note-<entry id>". */
  id: string;
  /** "event": a Wakilni status change; "note": something the app did on its own (a link, an unlink). */
  kind: "event" | "note";
  /** The inbox event's id (what a retry names); null for a note. */
  inboxEventId: number | null;
  /** The Wakilni topic code, or the topic name as sent when the app does not know it; null for a note. */
  topic: string | null;
  /** When Wakilni says it happened (UTC ISO); null for a note. */
  occurredAt: string | null;
  /** Where the step sits: occurredAt for an event, when it was recorded for a note (UTC ISO). */
  at: string;
  /**
   * What came of it in the end: the outcome of its last action still standing, else (every
   * action undone) of its last one; null while the event waits for the worker.
   */
  outcome: string | null;
  /** An unlink took back what it did: shown as undone, not as applied. */
  undone: boolean;
  /** The step's own message (the last action's that is not a mere note), null without one. */
  message: TimelineText | null;
  /** Everything recorded about it, oldest first: outcomes, retries, the engine's notes. */
  actions: TimelineAction[];
  /** The inbox event behind it; null for a note, or once the inbox forgot the event (redaction). */
  inbox: TimelineInbox | null;
}
