// GET /api/orders/<numeric order id>/timeline: the Wakilni deliveries of one order and what
// happened to each, for the order page's admin block (extensions/delivery-timeline). Token,
// CORS and the order id: ../http/extension-api.server.ts.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { prisma } from "../db.server";
import { authenticateExtension, extensionJson, orderGidFromParam } from "../http/extension-api.server";
import { formatContact, STATUS_LABELS } from "../delivery/labels";
import type { OrderDelivery, OrderTimeline } from "../delivery/order-timeline";
import { buildTimeline } from "../delivery/timeline-steps";
import { attentionReason } from "../delivery/attention";
import { RETRYABLE_STATES } from "../inbox/inbox-states";
import { topicFromCode } from "../wakilni/topics";
import { DEFAULT_WAKILNI_ZONE } from "../wakilni/local-time";
import { parseFulfillmentIds } from "../sync/fulfillment-ids";
import { canRefreshFromWakilni } from "../reconcile/refresh-from-wakilni.server";

// A parcel rarely has more than a dozen steps; the caps only bound a pathological one
// (Wakilni re-sending old statuses for weeks) so the block stays quick to load.
const TIMELINE_LIMIT = 50;
const ROW_LIMIT = 200;

const RETRYABLE = new Set<string>(RETRYABLE_STATES);
/** Shopify refused them, or the retries gave up: the "apply-failed" reason. */
const FAILED_TO_APPLY = new Set(["failed", "dead"]);

/** The columns the timeline builder reads. */
const ENTRY_COLUMNS = {
  id: true,
  inboxEventId: true,
  topic: true,
  outcome: true,
  messageKey: true,
  messageValues: true,
  message: true,
  occurredAt: true,
  recordedAt: true,
  undoneAt: true,
} as const;

const EVENT_COLUMNS = {
  id: true,
  waybill: true,
  topic: true,
  topicName: true,
  occurredAt: true,
  receivedAt: true,
  state: true,
  attempts: true,
  receiptCount: true,
  lastError: true,
  lastErrorKey: true,
  lastErrorValues: true,
} as const;

async function orderTimeline(shop: string, orderId: string): Promise<OrderTimeline> {
  const [settings, rows, canRefresh] = await Promise.all([
    prisma.shop.findUnique({ where: { shop }, select: { wakilniZone: true } }),
    prisma.delivery.findMany({
      where: { shop, orderId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      // Newest recorded first, so the cap keeps the latest; the builder orders by Wakilni's time.
      include: { timeline: { orderBy: [{ recordedAt: "desc" }, { id: "desc" }], take: ROW_LIMIT, select: ENTRY_COLUMNS } },
    }),
    canRefreshFromWakilni(shop),
  ]);
  const wakilniZone = settings?.wakilniZone ?? DEFAULT_WAKILNI_ZONE;
  const events = rows.length
    ? await prisma.inboxEvent.findMany({
        where: { shop, waybill: { in: rows.map((row) => row.waybill) } },
        orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
        take: ROW_LIMIT * rows.length,
        select: EVENT_COLUMNS,
      })
    : [];

  const deliveries = rows.map((row): OrderDelivery => {
    const topic = row.status ? topicFromCode(row.status) : null;
    const own = events.filter((event) => event.waybill === row.waybill);
    return {
      id: row.id,
      waybill: row.waybill,
      status: row.status,
      statusLabel: topic ? STATUS_LABELS[topic] : null,
      needsAttention: row.needsAttention,
      trackingUrl: row.trackingUrl,
      driver: formatContact(row.driverName, row.driverPhone),
      driverName: row.driverName,
      driverPhone: row.driverPhone,
      attentionReason: attentionReason({
        orderId: row.orderId,
        status: row.status,
        needsAttention: row.needsAttention,
        // A resolved attention stays resolved until an event fails again.
        applyFailed: own.some((event) => FAILED_TO_APPLY.has(event.state) && event.receivedAt > (row.attentionResolvedAt ?? new Date(0))),
      }),
      retryableEvents: own.filter((event) => RETRYABLE.has(event.state)).length,
      fulfillmentCount: parseFulfillmentIds(row.fulfillmentIds).length,
      timeline: buildTimeline(row.timeline, own).slice(0, TIMELINE_LIMIT),
    };
  });
  return { wakilniZone, deliveries, canRefresh };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const api = await authenticateExtension(request);
  return extensionJson(api, await orderTimeline(api.shop, orderGidFromParam(api, params.orderId)));
}
