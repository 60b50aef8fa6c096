// GET /api/orders/<numeric order id>/timeline: the Wakilni deliveries of one order and what
// happened to each, for the order page's admin block (extensions/delivery-timeline). Token,
// CORS and the order id: ../http/extension-api.server.ts.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { prisma } from "../db.server";
import { authenticateExtension, extensionJson, orderGidFromParam } from "../http/extension-api.server";
import { formatContact, STATUS_LABELS } from "../delivery/labels";
import type { OrderDelivery, OrderTimeline, OrderTimelineEntry } from "../delivery/order-timeline";
import { topicFromCode } from "../wakilni/topics";
import { DEFAULT_WAKILNI_ZONE, formatWakilniLocalTime } from "../wakilni/local-time";
import { parseFulfillmentIds } from "../sync/fulfillment-ids";

// A parcel rarely has more than a dozen entries; the cap only bounds a pathological one
// (Wakilni re-sending old statuses for weeks) so the block stays quick to load.
const TIMELINE_LIMIT = 50;

async function orderTimeline(shop: string, orderId: string): Promise<OrderTimeline> {
  const [settings, rows] = await Promise.all([
    prisma.shop.findUnique({ where: { shop }, select: { wakilniZone: true } }),
    prisma.delivery.findMany({
      where: { shop, orderId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      include: { timeline: { orderBy: [{ recordedAt: "desc" }, { id: "desc" }], take: TIMELINE_LIMIT } },
    }),
  ]);
  const wakilniZone = settings?.wakilniZone ?? DEFAULT_WAKILNI_ZONE;

  const deliveries = rows.map((row): OrderDelivery => {
    const topic = row.status ? topicFromCode(row.status) : null;
    // Newest by Wakilni's clock: events can arrive out of order, and the app's notes have no
    // Wakilni time, so they sit where they were recorded.
    const timeline = [...row.timeline]
      .sort((a, b) => (b.occurredAt ?? b.recordedAt).getTime() - (a.occurredAt ?? a.recordedAt).getTime() || b.id - a.id)
      .map((entry): OrderTimelineEntry => ({
        at: entry.occurredAt ? formatWakilniLocalTime(entry.occurredAt, wakilniZone) : null,
        recordedAt: entry.recordedAt.toISOString(),
        topic: entry.topic,
        outcome: entry.outcome,
        message: entry.message,
      }));
    return {
      waybill: row.waybill,
      status: row.status,
      statusLabel: topic ? STATUS_LABELS[topic] : null,
      needsAttention: row.needsAttention,
      trackingUrl: row.trackingUrl,
      driver: formatContact(row.driverName, row.driverPhone),
      fulfillmentCount: parseFulfillmentIds(row.fulfillmentIds).length,
      timeline,
    };
  });
  return { wakilniZone, deliveries };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const api = await authenticateExtension(request);
  return extensionJson(api, await orderTimeline(api.shop, orderGidFromParam(api, params.orderId)));
}
