// The app-owned order metafield `$app:wakilni.delivery`: its JSON shape, its version, the value the
// planner writes and the reading the buyer's order status page does (extensions/order-status-tracking
// bundles this module). Shopify Flow, order printers and other apps read it too, so the shape is
// versioned and documented for them in docs/delivery-metafield.md. Imports the status table only.
import { STATUS_LABELS } from "./labels";
import type { DeliverySettings } from "./settings";
import type { DeliveryState } from "./state";
import type { WakilniTopic } from "../wakilni/topics";

/**
 * App-owned, so merchants and other apps cannot overwrite it; the buyer's order status page reads
 * it, with the customer_account read access that shopify.app.toml declares: so it carries nothing
 * the merchant would not show the buyer.
 */
export const DELIVERY_METAFIELD = Object.freeze({ namespace: "$app:wakilni", key: "delivery", type: "json" } as const);

/**
 * Bumped whenever a field is added, changes meaning or goes away; readers check it. 3 added
 * `recent`; readers of 3 still accept 2 (written before, on orders no event has touched since).
 */
export const DELIVERY_METAFIELD_VERSION = 3;

export interface DeliveryMetafieldValue {
  version: typeof DELIVERY_METAFIELD_VERSION;
  waybill: string;
  wakilniOrderId: string | null;
  /** The topic code, e.g. "completed". */
  status: DeliveryState["status"];
  statusLabel: string | null;
  /** ISO time of the last applied Wakilni event. */
  happenedAt: string | null;
  trackingUrl: string | null;
  /** The driver's first name only; the phone only when the shop shows it to buyers (settings). */
  driver: { firstName: string | null; phone: string | null } | null;
  needsAttention: boolean;
  /** The last few status changes (at most RECENT_STATUS_CHANGES), oldest first: topic code and Wakilni's ISO time, nothing personal. */
  recent: { status: WakilniTopic; at: string }[];
}

/** "Ali" of "Ali Haddad": what a buyer may read of the driver. */
export function firstName(name: string | null): string | null {
  return name?.trim().split(/\s+/)[0] || null;
}

export function deliveryMetafieldValue(
  state: DeliveryState,
  settings: Pick<DeliverySettings, "showDriverPhoneToBuyers">,
): DeliveryMetafieldValue {
  const { driver } = state;
  return {
    version: DELIVERY_METAFIELD_VERSION,
    waybill: state.waybill,
    wakilniOrderId: state.wakilniOrderId,
    status: state.status,
    statusLabel: state.status && STATUS_LABELS[state.status],
    happenedAt: state.lastAppliedAt?.toISOString() ?? null,
    trackingUrl: state.trackingUrl,
    driver: driver && {
      firstName: firstName(driver.name),
      phone: settings.showDriverPhoneToBuyers ? driver.phone : null,
    },
    needsAttention: state.needsAttention,
    recent: state.recent.map((change) => ({ status: change.status, at: change.at.toISOString() })),
  };
}

function isRecentChange(entry: unknown): entry is { status: string; at: string } {
  if (typeof entry !== "object" || entry === null) return false;
  const { status, at } = entry as Record<string, unknown>;
  return typeof status === "string" && typeof at === "string" && !Number.isNaN(Date.parse(at));
}

/**
 * The metafield's value as version 3, from a version 3 or 2 text (2 had no history: `recent` is
 * empty); null for anything else, since an older or newer shape is not guessed at. Status codes
 * are returned as written: a newer app may know statuses this reader does not.
 */
export function readDeliveryMetafield(text: string): DeliveryMetafieldValue | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const read = value as Partial<Omit<DeliveryMetafieldValue, "version">> & { version?: unknown };
  if (read.version !== 2 && read.version !== DELIVERY_METAFIELD_VERSION) return null;
  const recent = Array.isArray(read.recent) ? (read.recent as unknown[]).filter(isRecentChange) : [];
  return { ...(read as DeliveryMetafieldValue), version: DELIVERY_METAFIELD_VERSION, recent: recent as DeliveryMetafieldValue["recent"] };
}
