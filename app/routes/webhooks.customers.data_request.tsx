import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { customerDataSummary } from "../privacy/shop-data.server";

export async function action({ request }: ActionFunctionArgs) {
  const { shop, payload } = await authenticate.webhook(request);
  const orders = (payload as { orders_requested?: number[] }).orders_requested ?? [];
  const summary = await customerDataSummary(shop, orders);
  // The merchant answers the customer; the app reports what it holds (no personal data).
  console.info(
    `customers/data_request for ${shop}: ${summary.deliveries.length} deliveries and ${summary.events} Wakilni events linked to ${orders.length} orders`,
  );
  return new Response();
}
