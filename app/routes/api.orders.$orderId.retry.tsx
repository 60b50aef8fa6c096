// POST /api/orders/<numeric order id>/retry {waybill}: the order-page block's "Retry" on a
// delivery that needs attention because the app gave up on some of its events. Thin: queues
// them again as the delivery page's Retry does, for a waybill of this order only.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { RetryDeliveryAnswer } from "../delivery/order-actions";
import { orderActionRefusal } from "../delivery/order-action-refusals";
import {
  authenticateExtension,
  extensionJson,
  extensionRefusal,
  orderDeliveryFromBody,
  orderGidFromParam,
} from "../http/extension-api.server";
import { retryWaybillEvents } from "../inbox/manual-retry.server";

/** The CORS preflight reaches the loader; a GET gets told what the route takes. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const api = await authenticateExtension(request);
  orderGidFromParam(api, params.orderId);
  return extensionRefusal(api, orderActionRefusal("postOnly"), 405);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const api = await authenticateExtension(request);
  const delivery = await orderDeliveryFromBody(api, request, params.orderId);
  const retried = await retryWaybillEvents(api.shop, delivery.waybill, new Date());
  return extensionJson(api, { retried } satisfies RetryDeliveryAnswer);
}
