// GET /api/orders/<numeric order id>/timeline: the Wakilni deliveries of one order and what
// happened to each, for the order page's admin block (extensions/delivery-timeline). The
// block's fetch() comes from Shopify's extension origin with an ID token as a Bearer header,
// so every answer, refusals included, carries CORS headers, and the CORS preflight (OPTIONS,
// which Remix hands to the loader) is answered too.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { prisma } from "../db.server";
import { authenticate } from "../shopify.server";
import { formatContact, STATUS_LABELS } from "../delivery/labels";
import type { OrderDelivery, OrderTimeline } from "../delivery/order-timeline";
import { buildTimeline } from "../delivery/timeline-steps";
import { topicFromCode } from "../wakilni/topics";
import { DEFAULT_WAKILNI_ZONE } from "../wakilni/local-time";
import { parseFulfillmentIds } from "../sync/fulfillment-ids";

// A parcel rarely has more than a dozen steps; the caps only bound a pathological one
// (Wakilni re-sending old statuses for weeks) so the block stays quick to load.
const TIMELINE_LIMIT = 50;
const ROW_LIMIT = 200;

/**
 * authenticate.admin takes a request without a token for an admin page load and answers it
 * with a redirect to the login or bounce page, which means nothing to a fetch(). An API
 * refuses it outright, with the CORS headers that let the extension read the refusal.
 */
function refuseWithoutToken(request: Request): void {
  if (request.method === "OPTIONS" || /^Bearer \S/i.test(request.headers.get("Authorization") ?? "")) return;
  throw new Response(undefined, { status: 401, headers: { "Access-Control-Allow-Origin": "*" } });
}

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
} as const;

async function orderTimeline(shop: string, orderId: string): Promise<OrderTimeline> {
  const [settings, rows] = await Promise.all([
    prisma.shop.findUnique({ where: { shop }, select: { wakilniZone: true } }),
    prisma.delivery.findMany({
      where: { shop, orderId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      // Newest recorded first, so the cap keeps the latest; the builder orders by Wakilni's time.
      include: { timeline: { orderBy: [{ recordedAt: "desc" }, { id: "desc" }], take: ROW_LIMIT, select: ENTRY_COLUMNS } },
    }),
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
      waybill: row.waybill,
      status: row.status,
      statusLabel: topic ? STATUS_LABELS[topic] : null,
      needsAttention: row.needsAttention,
      trackingUrl: row.trackingUrl,
      driver: formatContact(row.driverName, row.driverPhone),
      fulfillmentCount: parseFulfillmentIds(row.fulfillmentIds).length,
      timeline: buildTimeline(row.timeline, own).slice(0, TIMELINE_LIMIT),
    };
  });
  return { wakilniZone, deliveries };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  refuseWithoutToken(request);
  const { session, cors } = await authenticate.admin(request);
  const legacyId = params.orderId ?? "";
  if (!/^\d+$/.test(legacyId)) {
    throw cors(Response.json({ error: "The order id must be Shopify's numeric order id." }, { status: 400 }));
  }
  // The session is the shop the ID token was signed for: another shop's order id finds nothing.
  return cors(Response.json(await orderTimeline(session.shop, `gid://shopify/Order/${legacyId}`)));
}
