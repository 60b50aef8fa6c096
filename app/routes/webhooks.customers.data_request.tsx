import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { customerDataSummary } from "../privacy/shop-data.server";
import { logger } from "../logging/logger.server";

export async function action({ request }: ActionFunctionArgs) {
  const { shop, payload } = await authenticate.webhook(request);
  const orders = (payload as { orders_requested?: number[] }).orders_requested ?? [];
  const summary = await customerDataSummary(shop, orders);
  // The merchant answers the customer; the app reports what it holds (no personal data).
  logger.info(
    { shop, deliveries: summary.deliveries.length, events: summary.events, orders: orders.length },
    "customers/data_request: what the app holds for the requested orders",
  );
  return new Response();
}
