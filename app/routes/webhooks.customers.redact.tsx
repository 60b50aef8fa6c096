import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { redactCustomerOrders } from "../privacy/shop-data.server";

export async function action({ request }: ActionFunctionArgs) {
  const { shop, payload } = await authenticate.webhook(request);
  await redactCustomerOrders(shop, (payload as { orders_to_redact?: number[] }).orders_to_redact ?? [], new Date());
  return new Response();
}
