// POST /api/orders/<numeric order id>/resolve {waybill}: the order-page block's "Resolve" on a
// delivery that needs attention. Thin: resolveAttention (the queue's own) takes the Needs
// attention tag off the order and records who resolved it, for a waybill of this order only.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { ResolveAttentionAnswer } from "../delivery/order-actions";
import { orderActionRefusal } from "../delivery/order-action-refusals";
import {
  authenticateExtension,
  extensionJson,
  extensionRefusal,
  orderDeliveryFromBody,
  orderGidFromParam,
} from "../http/extension-api.server";
import { ResolveError, resolveAttention } from "../sync/resolve-attention.server";

/** The CORS preflight reaches the loader; a GET gets told what the route takes. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const api = await authenticateExtension(request);
  orderGidFromParam(api, params.orderId);
  return extensionRefusal(api, orderActionRefusal("postOnly"), 405);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const api = await authenticateExtension(request);
  const delivery = await orderDeliveryFromBody(api, request, params.orderId);
  try {
    await resolveAttention(api.shop, delivery.id, api.staff, new Date());
    return extensionJson(api, { resolvedBy: api.staff } satisfies ResolveAttentionAnswer);
  } catch (error) {
    if (error instanceof ResolveError) return extensionRefusal(api, error.refusal, 409);
    throw error;
  }
}
