// POST /api/orders/<numeric order id>/refresh {waybill}: the order-page block's and the order
// action's "Refresh from Wakilni" for a waybill of this order. Thin: asks Wakilni's API as the
// delivery page's button does (app/reconcile/refresh-from-wakilni.server.ts).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticateExtension, extensionJson, orderDeliveryFromBody, orderGidFromParam } from "../http/extension-api.server";
import { refreshFromWakilni } from "../reconcile/refresh-from-wakilni.server";

/** The CORS preflight reaches the loader; a GET gets told what the route takes. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const api = await authenticateExtension(request);
  orderGidFromParam(api, params.orderId);
  return extensionJson(api, { error: "POST a waybill of this order to refresh it from Wakilni." }, 405);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const api = await authenticateExtension(request);
  const delivery = await orderDeliveryFromBody(api, request, params.orderId);
  const answer = await refreshFromWakilni(api.shop, delivery.waybill, new Date());
  return extensionJson(api, answer, answer.ok ? 200 : "notConnected" in answer ? 409 : 502);
}
