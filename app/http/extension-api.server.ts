// The app's API for its admin UI extensions (the order-page block, the order action). Their
// fetch() comes from Shopify's extension origin with an ID token as a Bearer header, so every
// answer, refusals included, carries CORS headers; authenticate.admin answers the CORS preflight
// (OPTIONS, which Remix hands to the loader). Routes under /api/orders/<id>/ start here. A
// refusal is a key of ../delivery/order-action-refusals.ts, which the extensions say in the
// merchant's language.
import { prisma } from "../db.server";
import { orderActionRefusal, type OrderActionRefusal, type RefusalAnswer } from "../delivery/order-action-refusals";
import { authenticate } from "../shopify.server";
import { staffMember } from "../sync/resolve-attention.server";

/** What a route needs: the shop the ID token was signed for, and the CORS wrapper for its answers. */
export interface ExtensionRequest {
  shop: string;
  /** Who is acting, as the timeline names them (see staffMember). */
  staff: string;
  cors: (response: Response) => Response;
}

/**
 * authenticate.admin takes a request without a token for an admin page load and answers it
 * with a redirect to the login or bounce page, which means nothing to a fetch(). An API
 * refuses it outright, with the CORS headers that let the extension read the refusal.
 */
function refuseWithoutToken(request: Request): void {
  if (request.method === "OPTIONS" || /^Bearer \S/i.test(request.headers.get("Authorization") ?? "")) return;
  const body: RefusalAnswer = { error: orderActionRefusal("unauthenticated") };
  throw Response.json(body, { status: 401, headers: { "Access-Control-Allow-Origin": "*" } });
}

export async function authenticateExtension(request: Request): Promise<ExtensionRequest> {
  refuseWithoutToken(request);
  const auth = await authenticate.admin(request);
  return { shop: auth.session.shop, staff: staffMember(auth), cors: auth.cors };
}

/** A JSON answer with the extension's CORS headers. */
export function extensionJson({ cors }: ExtensionRequest, body: unknown, status = 200): Response {
  return cors(Response.json(body, { status }));
}

/** A refusal with the extension's CORS headers: its key and values, said by the extension. */
export function extensionRefusal(api: ExtensionRequest, refusal: OrderActionRefusal, status: number): Response {
  return extensionJson(api, { error: refusal } satisfies RefusalAnswer, status);
}

/**
 * The order's GID from the route's numeric id (the extension takes it from the order's GID);
 * anything else is refused with a 400. The shop comes from the ID token, so another shop's
 * order id finds nothing.
 */
export function orderGidFromParam(api: ExtensionRequest, orderId: string | undefined): string {
  if (!/^\d{1,20}$/.test(orderId ?? "")) {
    throw extensionRefusal(api, orderActionRefusal("orderId"), 400);
  }
  return `gid://shopify/Order/${orderId}`;
}

/** The JSON object a POST sends; a 400 when the body is not one. */
export async function extensionJsonBody(api: ExtensionRequest, request: Request): Promise<Record<string, unknown>> {
  const body: unknown = await request.json().catch(() => null);
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw extensionRefusal(api, orderActionRefusal("unreadableRequest"), 400);
  }
  return body as Record<string, unknown>;
}

/**
 * The delivery a POST names by `{waybill}` among this order's (the shop's own only), or a 404
 * answer thrown for the route to return: the order-page block's per-delivery buttons all start here.
 */
export async function orderDeliveryFromBody(api: ExtensionRequest, request: Request, orderIdParam: string | undefined) {
  const orderId = orderGidFromParam(api, orderIdParam);
  const { waybill } = await extensionJsonBody(api, request);
  const delivery =
    typeof waybill === "string"
      ? await prisma.delivery.findFirst({ where: { shop: api.shop, orderId, waybill }, select: { id: true, waybill: true } })
      : null;
  if (!delivery) throw extensionRefusal(api, orderActionRefusal("waybillNotOnOrder"), 404);
  return delivery;
}
