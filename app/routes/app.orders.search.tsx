// The order picker's search as the merchant types: orders whose name starts with the text.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { merchantShopifyGateway } from "../sync/sync.server";
import { syncRepository } from "../sync/sync-repository.server";
import { ShopifyTransientError } from "../sync/shopify-errors";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const typed = new URL(request.url).searchParams.get("q") ?? "";
  const shop = await syncRepository.shopForSync(session.shop);
  if (!shop) return { orders: [], error: null };
  try {
    return { orders: await merchantShopifyGateway.pickOrders(shop, typed), error: null };
  } catch (error) {
    if (error instanceof ShopifyTransientError) return { orders: [], error: error.message };
    throw error;
  }
}
