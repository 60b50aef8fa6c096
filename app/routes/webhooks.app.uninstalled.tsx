import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { markUninstalled } from "../privacy/shop-data.server";

export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await authenticate.webhook(request);
  // Webhooks can arrive after the shop's data is already gone (a repeat): this is idempotent.
  await markUninstalled(shop, new Date());
  return new Response();
}
