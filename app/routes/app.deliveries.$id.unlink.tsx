// What unlinking this delivery would undo, for the confirmation the merchant reads first. Reads
// Shopify (which fulfillments are still live) and changes nothing; the unlink itself is the
// delivery page's action.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { prisma } from "../db.server";
import { LinkError, unlinkPreview } from "../sync/link-waybill.server";
import { refusalText } from "../delivery/order-action-refusals";
import { localeFromRequest } from "../i18n/locale";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const delivery = await prisma.delivery.findFirst({ where: { id: Number(params.id), shop: session.shop }, select: { waybill: true } });
  if (!delivery) throw new Response("Not found", { status: 404 });
  try {
    return { preview: await unlinkPreview(session.shop, delivery.waybill), error: null };
  } catch (error) {
    if (error instanceof LinkError) return { preview: null, error: refusalText(error.refusal, localeFromRequest(request)) };
    throw error;
  }
}
