// GET/POST /api/orders/<numeric order id>/link: the order action "Link a Wakilni waybill"
// (extensions/link-waybill-action). GET suggests the shop's unmatched waybills; POST links one,
// picked or typed, to this order with the app's own link function, which replays its parked
// events at once. Thin: the work is linkWaybillToOrder's, as on the delivery page.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { prisma } from "../db.server";
import type { LinkSuggestions, LinkWaybillAnswer, ParkedWaybill } from "../delivery/order-actions";
import { orderActionRefusal } from "../delivery/order-action-refusals";
import { authenticateExtension, extensionJson, extensionJsonBody, extensionRefusal, orderGidFromParam } from "../http/extension-api.server";
import { LinkError, linkWaybillToOrder } from "../sync/link-waybill.server";

/** A few screens of choices at most; the merchant types the waybill when it is not among them. */
const SUGGESTION_LIMIT = 20;
/** Wakilni's waybill is free text; anything longer than this is not one. */
const MAX_WAYBILL_LENGTH = 100;

async function parkedWaybills(shop: string): Promise<ParkedWaybill[]> {
  const rows = await prisma.delivery.findMany({
    where: { shop, orderId: null },
    orderBy: [{ lastEventAt: "desc" }, { id: "desc" }],
    take: SUGGESTION_LIMIT,
    select: { waybill: true, parkedReason: true, lastEventAt: true },
  });
  const counts = await prisma.inboxEvent.groupBy({
    by: ["waybill"],
    where: { shop, state: "parked", waybill: { in: rows.map((row) => row.waybill) } },
    _count: { _all: true },
  });
  const parked = new Map(counts.map((count) => [count.waybill, count._count._all]));
  return rows.map((row) => ({
    waybill: row.waybill,
    reason: row.parkedReason,
    lastEventAt: row.lastEventAt?.toISOString() ?? null,
    parkedEvents: parked.get(row.waybill) ?? 0,
  }));
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const api = await authenticateExtension(request);
  const orderId = orderGidFromParam(api, params.orderId);
  const [linked, suggestions] = await Promise.all([
    prisma.delivery.findMany({ where: { shop: api.shop, orderId }, orderBy: { id: "asc" }, select: { waybill: true } }),
    parkedWaybills(api.shop),
  ]);
  const body: LinkSuggestions = { linkedWaybills: linked.map((row) => row.waybill), suggestions };
  return extensionJson(api, body);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const api = await authenticateExtension(request);
  const orderId = orderGidFromParam(api, params.orderId);
  if (request.method !== "POST") return extensionRefusal(api, orderActionRefusal("postOnly"), 405);
  const { waybill: raw } = await extensionJsonBody(api, request);
  const waybill = typeof raw === "string" ? raw.trim() : "";
  if (!waybill || waybill.length > MAX_WAYBILL_LENGTH || /\p{Cc}/u.test(waybill)) {
    return extensionRefusal(api, orderActionRefusal("waybillInvalid", { max: String(MAX_WAYBILL_LENGTH) }), 400);
  }
  try {
    // The order's numeric id is one of the references linkWaybillToOrder resolves.
    const linked = await linkWaybillToOrder(api.shop, waybill, orderId.split("/").pop()!, new Date());
    const answer: LinkWaybillAnswer = { linked: { waybill, orderName: linked.orderName, replayed: linked.requeued } };
    return extensionJson(api, answer);
  } catch (error) {
    if (error instanceof LinkError) return extensionRefusal(api, error.refusal, 422);
    throw error;
  }
}
