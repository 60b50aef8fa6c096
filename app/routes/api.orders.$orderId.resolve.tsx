// POST /api/orders/<numeric order id>/resolve {waybill}: the order-page block's "Resolve" on a
// delivery that needs attention. Thin: resolveAttention (the queue's own) takes the Needs
// attention tag off the order and records who resolved it, for a waybill of this order only.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { prisma } from "../db.server";
import type { ResolveAttentionAnswer } from "../delivery/order-actions";
import { authenticateExtension, extensionJson, extensionJsonBody, orderGidFromParam } from "../http/extension-api.server";
import { ResolveError, resolveAttention } from "../sync/resolve-attention.server";

/** The CORS preflight reaches the loader; a GET gets told what the route takes. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const api = await authenticateExtension(request);
  orderGidFromParam(api, params.orderId);
  return extensionJson(api, { error: "POST a waybill of this order to resolve its attention." } satisfies ResolveAttentionAnswer, 405);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const api = await authenticateExtension(request);
  const orderId = orderGidFromParam(api, params.orderId);
  const { waybill } = await extensionJsonBody(api, request);
  const delivery =
    typeof waybill === "string"
      ? await prisma.delivery.findFirst({ where: { shop: api.shop, orderId, waybill }, select: { id: true } })
      : null;
  if (!delivery) return extensionJson(api, { error: "This order has no such Wakilni waybill." } satisfies ResolveAttentionAnswer, 404);
  try {
    await resolveAttention(api.shop, delivery.id, api.staff, new Date());
    return extensionJson(api, { resolvedBy: api.staff } satisfies ResolveAttentionAnswer);
  } catch (error) {
    if (error instanceof ResolveError) return extensionJson(api, { error: error.message } satisfies ResolveAttentionAnswer, 409);
    throw error;
  }
}
