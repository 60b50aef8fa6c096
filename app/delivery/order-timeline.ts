// The JSON the order page's delivery block (extensions/delivery-timeline) reads from
// GET /api/orders/<order id>/timeline. Types only, and no imports, so the extension can share
// them without pulling any server code into its bundle or its type-check.

export interface OrderTimeline {
  /** The shop's Wakilni zone (IANA), so the block shows times as the Wakilni portal does. */
  wakilniZone: string;
  /** Newest delivery first; empty when no Wakilni parcel is linked to the order. */
  deliveries: OrderDelivery[];
}

export interface OrderDelivery {
  waybill: string;
  /** A Wakilni topic code ("processed", "completed"…), null before the first applied event. */
  status: string | null;
  /** The status in English, for a code the block has no translation for. */
  statusLabel: string | null;
  needsAttention: boolean;
  trackingUrl: string | null;
  /** "Name (phone)", the name or the phone: whatever Wakilni gave. */
  driver: string | null;
  /** How many Shopify fulfillments carry this parcel (one per merchant location). */
  fulfillmentCount: number;
  /** Newest first. */
  timeline: OrderTimelineEntry[];
}

export interface OrderTimelineEntry {
  /** When Wakilni says it happened, as wall-clock time in the Wakilni zone with its offset; null for the app's own notes. */
  at: string | null;
  /** When the app recorded it (UTC ISO). */
  recordedAt: string;
  /** The Wakilni topic code, or the topic name as sent when the app does not know it. */
  topic: string | null;
  /** applied, stale, after_terminal, unsupported, parked, failed or note. */
  outcome: string;
  message: string;
}
