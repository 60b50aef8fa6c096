// All shops the emulator hosts, with the seeding API tests and the demo use to set the scene
// (shops, locations, orders already split into fulfillment orders, orders already fulfilled)
// and read-only views of the resulting state. Reads hand out copies so a test cannot change
// the emulator's state behind its back.
import { LeakyBucket, type BucketOptions } from "./bucket";
import { createFulfillment } from "./fulfillments";
import {
  dateTime,
  gid,
  type FlowTriggerCallRecord,
  type FulfillmentOrderRecord,
  type LocationRecord,
  type OrderRecord,
  type ShopRecord,
} from "./model";
import { decimal, newTransaction, totalPrice } from "./payments";
import { ShopData } from "./shop-data";

export interface CreateShopInput {
  /** `name.myshopify.com`; a bare name gets the suffix. */
  shop: string;
  accessToken: string;
  name?: string;
  ianaTimezone?: string;
  currencyCode?: string;
  scopes?: string[];
  appId?: string;
  /** Defaults: two merchant-managed locations and one third-party fulfillment-service location. */
  locations?: { name: string; fulfillmentService?: string }[];
  throttle?: BucketOptions;
}

export interface CreateOrderInput {
  name?: string;
  createdAt?: string;
  tags?: string[];
  closed?: boolean;
  cancelled?: boolean;
  /** `location` is a location name or GID; lines default to the first merchant-managed location; `price` (unit, default "10.00"). */
  lineItems: { title: string; quantity: number; sku?: string; location?: string; price?: string }[];
  /**
   * How the buyer pays. Default: Shopify's manual "Cash on Delivery (COD)", still pending, as most
   * Wakilni parcels are. `paid` records the sale as done (a card payment, say).
   */
  payment?: { gateway?: string; manual?: boolean; paid?: boolean };
  /** Fulfill every fulfillment order at once, as if the merchant had shipped the order already. */
  fulfilled?: { trackingNumber?: string; trackingCompany?: string; trackingUrl?: string; notifyCustomer?: boolean };
}

/** What an app typically holds: the scopes the Wakilni app asks for. */
export const DEFAULT_SCOPES = [
  "read_orders",
  "write_orders",
  "read_merchant_managed_fulfillment_orders",
  "write_merchant_managed_fulfillment_orders",
  "write_fulfillments",
];

const DEFAULT_LOCATIONS = [
  { name: "Beirut Warehouse" },
  { name: "Jounieh Store" },
  { name: "Aramex Fulfillment", fulfillmentService: "aramex-fulfillment" },
];

export function shopDomain(shop: string): string {
  const domain = shop.trim().toLowerCase();
  return domain.endsWith(".myshopify.com") ? domain : `${domain}.myshopify.com`;
}

export class EmulatorStore {
  private readonly shops = new Map<string, ShopData>();
  private lastId = 6_100_000_000_000;

  constructor(private readonly options: { now: () => number; throttle?: BucketOptions }) {}

  private newId = (): number => ++this.lastId;

  createShop(input: CreateShopInput): ShopRecord {
    const domain = shopDomain(input.shop);
    if (this.shops.has(domain)) throw new Error(`emulator: shop ${domain} already exists`);
    const handle = domain.replace(".myshopify.com", "");
    const locations: LocationRecord[] = (input.locations ?? DEFAULT_LOCATIONS).map((location) => {
      const id = this.newId();
      return {
        id: gid("Location", id),
        legacyResourceId: String(id),
        name: location.name,
        fulfillmentService: location.fulfillmentService
          ? { id: gid("FulfillmentService", this.newId()), handle: location.fulfillmentService, serviceName: location.name }
          : null,
      };
    });
    if (!locations.some((location) => !location.fulfillmentService)) throw new Error("emulator: a shop needs a merchant-managed location");
    const record: ShopRecord = {
      id: gid("Shop", this.newId()),
      name: input.name ?? handle.replace(/-/g, " ").replace(/\b\w/g, (letter) => letter.toUpperCase()),
      myshopifyDomain: domain,
      ianaTimezone: input.ianaTimezone ?? "Asia/Beirut",
      currencyCode: input.currencyCode ?? "USD",
      accessToken: input.accessToken,
      scopes: [...(input.scopes ?? DEFAULT_SCOPES)],
      appId: input.appId ?? "4242424242",
      appInstallationId: gid("AppInstallation", this.newId()),
      locations,
      orders: [],
      flowTriggers: [],
    };
    const now = this.options.now;
    this.shops.set(domain, new ShopData(record, new LeakyBucket({ ...this.options.throttle, ...input.throttle }, now), now, this.newId));
    return structuredClone(record);
  }

  /** The live shop, for the emulator's own request handling. */
  shopData(shop: string): ShopData | undefined {
    return this.shops.get(shopDomain(shop));
  }

  shopDomains(): string[] {
    return [...this.shops.keys()];
  }

  private requireShop(shop: string): ShopData {
    const data = this.shopData(shop);
    if (!data) throw new Error(`emulator: unknown shop ${shop}`);
    return data;
  }

  private location(shop: ShopData, ref: string | undefined): LocationRecord {
    const locations = shop.record.locations;
    const found =
      ref === undefined
        ? locations.find((location) => !location.fulfillmentService)
        : locations.find((location) => location.id === ref || location.name === ref);
    if (!found) throw new Error(`emulator: unknown location ${ref}`);
    return found;
  }

  createOrder(shop: string, input: CreateOrderInput): OrderRecord {
    const data = this.requireShop(shop);
    if (input.lineItems.length === 0) throw new Error("emulator: an order needs line items");
    const orders = data.record.orders;
    const number = Math.max(1000, ...orders.map((order) => order.number)) + 1;
    const createdAt = input.createdAt ? dateTime(Date.parse(input.createdAt)) : data.timestamp();
    const id = this.newId();
    const order: OrderRecord = {
      id: gid("Order", id),
      legacyResourceId: String(id),
      name: input.name ?? `#${number}`,
      number,
      createdAt,
      updatedAt: createdAt,
      processedAt: createdAt,
      closed: input.closed ?? input.cancelled ?? false,
      closedAt: input.closed || input.cancelled ? createdAt : null,
      cancelledAt: input.cancelled ? createdAt : null,
      tags: [...(input.tags ?? [])],
      lineItems: [],
      fulfillmentOrders: [],
      fulfillments: [],
      metafields: [],
      paymentGatewayNames: [],
      transactions: [],
    };
    for (const line of input.lineItems) {
      if (!Number.isInteger(line.quantity) || line.quantity < 1) throw new Error(`emulator: bad quantity for ${line.title}`);
      const lineItem = {
        id: gid("LineItem", this.newId()),
        title: line.title,
        quantity: line.quantity,
        sku: line.sku ?? null,
        price: line.price ?? "10.00",
      };
      order.lineItems.push(lineItem);
      const locationId = this.location(data, line.location).id;
      let fo = order.fulfillmentOrders.find((candidate) => candidate.locationId === locationId);
      if (!fo) {
        fo = newFulfillmentOrder(gid("FulfillmentOrder", this.newId()), locationId, createdAt, input.cancelled ? "CANCELLED" : "OPEN");
        order.fulfillmentOrders.push(fo);
      }
      fo.lineItems.push({
        id: gid("FulfillmentOrderLineItem", this.newId()),
        lineItemId: lineItem.id,
        totalQuantity: line.quantity,
        remainingQuantity: line.quantity,
      });
    }
    const gateway = input.payment?.gateway ?? "Cash on Delivery (COD)";
    order.paymentGatewayNames = [gateway];
    order.transactions.push(
      newTransaction(data, {
        kind: "SALE",
        status: input.payment?.paid ? "SUCCESS" : "PENDING",
        gateway,
        manual: input.payment?.manual ?? input.payment?.gateway === undefined,
        amount: decimal(totalPrice(order)),
      }),
    );
    data.addOrder(order);
    if (input.fulfilled) this.fulfillEverything(data, order, input.fulfilled);
    return structuredClone(order);
  }

  private fulfillEverything(shop: ShopData, order: OrderRecord, how: NonNullable<CreateOrderInput["fulfilled"]>): void {
    // One fulfillment per fulfillment order: Shopify fulfills one location at a time.
    for (const fo of order.fulfillmentOrders) {
      const outcome = createFulfillment(shop.asMerchant(), {
        lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id }],
        notifyCustomer: how.notifyCustomer ?? false,
        trackingInfo: { number: how.trackingNumber, company: how.trackingCompany, url: how.trackingUrl },
      });
      if (!outcome.value) throw new Error(`emulator: cannot seed a fulfilled order: ${outcome.userErrors[0].message}`);
    }
  }

  /**
   * Arms the order's holdBeforeNextFulfillment fault (see model.ts), at every location or at the
   * one named (name or GID); the order is named as getOrder names it.
   */
  holdBeforeNextFulfillment(shop: string, idOrName: string, location?: string): void {
    const locationId = location === undefined ? null : this.location(this.requireShop(shop), location).id;
    this.storedOrder(shop, idOrName).holdBeforeNextFulfillment = { locationId };
  }

  /** Releases the order's fulfillment orders on hold, as a merchant's "Release hold" in Shopify's admin does. */
  releaseHold(shop: string, idOrName: string): void {
    for (const fo of this.storedOrder(shop, idOrName).fulfillmentOrders) if (fo.status === "ON_HOLD") fo.status = "OPEN";
  }

  /** The stored order itself (not a copy), named as getOrder names it. */
  private storedOrder(shop: string, idOrName: string): OrderRecord {
    const wanted = this.getOrder(shop, idOrName);
    const order = wanted && this.requireShop(shop).record.orders.find((candidate) => candidate.id === wanted.id);
    if (!order) throw new Error(`emulator: no order ${idOrName} on ${shop}`);
    return order;
  }

  /** A copy of the order, found by GID, legacy id or name (`#1001` or `1001`). */
  getOrder(shop: string, idOrName: string): OrderRecord | undefined {
    const wanted = idOrName.replace(/^#/, "");
    const order = this.requireShop(shop).record.orders.find(
      (candidate) => candidate.id === idOrName || candidate.legacyResourceId === idOrName || candidate.name.replace(/^#/, "") === wanted,
    );
    return order && structuredClone(order);
  }

  /** The Flow triggers the shop received, oldest first (copies). */
  flowTriggers(shop: string): FlowTriggerCallRecord[] {
    return structuredClone(this.requireShop(shop).record.flowTriggers);
  }

  /** Everything about one shop except its access token, as `/_emulator/state` shows it. */
  snapshot(shop: string): Omit<ShopRecord, "accessToken"> {
    const { accessToken: _secret, ...rest } = this.requireShop(shop).record;
    return structuredClone(rest);
  }
}

function newFulfillmentOrder(
  id: string,
  locationId: string,
  createdAt: string,
  status: FulfillmentOrderRecord["status"],
): FulfillmentOrderRecord {
  return { id, status, requestStatus: "UNSUBMITTED", locationId, createdAt, updatedAt: createdAt, lineItems: [] };
}
