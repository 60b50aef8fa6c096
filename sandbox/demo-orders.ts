// What the demo's admin frame shows of the store's orders (the order list, an order's page, the
// buyer's order status page), read as Shopify's own pages would have it: from the Admin API the
// app talks to (the emulator, or the server --admin-origin names), with the app's offline token.
// The buyer's page takes the order's `$app:wakilni.delivery` metafield from here, as customer
// accounts hand it to the order-status block. Sandbox only.
import { fetch as undiciFetch } from "undici";
import { ADMIN_API_VERSION } from "../app/admin-api-version";
import { createEmulatorDispatcher } from "./shopify-admin-emulator";

export interface DemoOrderSummary {
  id: string;
  legacyResourceId: string;
  name: string;
  createdAt: string;
  displayFinancialStatus: string | null;
  displayFulfillmentStatus: string;
  totalPriceSet: { shopMoney: { amount: string; currencyCode: string } };
  tags: string[];
}

export interface DemoOrder extends DemoOrderSummary {
  lineItems: { nodes: { id: string; name: string; quantity: number; sku: string | null }[] };
  fulfillments: {
    name: string;
    displayStatus: string | null;
    trackingInfo: { company: string | null; number: string | null; url: string | null }[];
  }[];
  /** The app-owned delivery metafield, as the order-status block's appMetafields carry it. */
  metafield: { namespace: string; key: string; type: string; value: string } | null;
}

export interface DemoOrders {
  shopName(): Promise<string>;
  list(): Promise<DemoOrderSummary[]>;
  get(legacyResourceId: string): Promise<DemoOrder | null>;
}

const SUMMARY_FIELDS = `id legacyResourceId name createdAt displayFinancialStatus displayFulfillmentStatus tags
  totalPriceSet { shopMoney { amount currencyCode } }`;

const ORDERS_QUERY = `query DemoOrders { orders(first: 100, sortKey: CREATED_AT, reverse: true) { nodes { ${SUMMARY_FIELDS} } } }`;

const ORDER_QUERY = `query DemoOrder($id: ID!) {
  order(id: $id) {
    ${SUMMARY_FIELDS}
    lineItems(first: 50) { nodes { id name quantity sku } }
    fulfillments(first: 20) { name displayStatus trackingInfo(first: 5) { company number url } }
    metafield(namespace: "$app:wakilni", key: "delivery") { namespace key type value }
  }
}`;

const SHOP_QUERY = `query DemoShop { shop { name } }`;

export function createDemoOrders(options: { adminOrigin: string; shop: string; accessToken: string }): DemoOrders {
  const dispatcher = createEmulatorDispatcher(options.adminOrigin);
  async function query<T>(document: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await undiciFetch(`https://${options.shop}/admin/api/${ADMIN_API_VERSION}/graphql.json`, {
      method: "POST",
      dispatcher,
      headers: { "content-type": "application/json", "x-shopify-access-token": options.accessToken },
      body: JSON.stringify({ query: document, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown };
    if (!response.ok || !body.data) throw new Error(`Admin API answered ${response.status}: ${JSON.stringify(body.errors ?? body)}`);
    return body.data;
  }
  return {
    shopName: async () => (await query<{ shop: { name: string } }>(SHOP_QUERY)).shop.name,
    list: async () => (await query<{ orders: { nodes: DemoOrderSummary[] } }>(ORDERS_QUERY)).orders.nodes,
    get: async (legacyResourceId) =>
      /^\d{1,20}$/.test(legacyResourceId)
        ? (await query<{ order: DemoOrder | null }>(ORDER_QUERY, { id: `gid://shopify/Order/${legacyResourceId}` })).order
        : null,
  };
}
