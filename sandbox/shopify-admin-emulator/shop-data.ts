// One shop's state plus the lookups every resolver and mutation needs: finding any record by
// GID, knowing which order owns it, and applying the access rules Shopify applies to an app
// (fulfillment-order visibility by scope, the 60-day order window without read_all_orders).
import { type LeakyBucket } from "./bucket";
import {
  dateTime,
  isFulfillmentServiceLocation,
  parseGid,
  type FulfillmentOrderRecord,
  type FulfillmentRecord,
  type OrderRecord,
  type ShopRecord,
} from "./model";

const SIXTY_DAYS_MS = 60 * 24 * 3600 * 1000;

export class ShopData {
  constructor(
    readonly record: ShopRecord,
    readonly bucket: LeakyBucket,
    readonly now: () => number,
    readonly newId: () => number,
    private readonly ownerOf = new Map<string, OrderRecord>(),
    private readonly actor: "app" | "merchant" = "app",
  ) {}

  /** The same shop seen by its merchant, whom no app scope limits (used for seeding). */
  asMerchant(): ShopData {
    return new ShopData(this.record, this.bucket, this.now, this.newId, this.ownerOf, "merchant");
  }

  timestamp(): string {
    return dateTime(this.now());
  }

  addOrder(order: OrderRecord): void {
    this.record.orders.push(order);
    const ids = [order, ...order.lineItems, ...order.fulfillmentOrders, ...order.fulfillmentOrders.flatMap((fo) => fo.lineItems)];
    for (const { id } of ids) this.own(id, order);
  }

  /** Remembers which order a record belongs to, so a bare GID leads back to it. */
  own(id: string, order: OrderRecord): void {
    this.ownerOf.set(id, order);
  }

  orderOf(id: string): OrderRecord {
    const order = this.ownerOf.get(id);
    if (!order) throw new Error(`emulator: ${id} belongs to no order`);
    return order;
  }

  hasScope(scope: string): boolean {
    return this.actor === "merchant" || this.record.scopes.includes(scope);
  }

  /** Orders older than 60 days are invisible to an app without read_all_orders, as on Shopify. */
  canSeeOrder(order: OrderRecord): boolean {
    return this.hasScope("read_all_orders") || Date.parse(order.createdAt) >= this.now() - SIXTY_DAYS_MS;
  }

  private fulfillmentOrderScope(fo: FulfillmentOrderRecord): string {
    return isFulfillmentServiceLocation(this.record, fo.locationId)
      ? "third_party_fulfillment_orders"
      : "merchant_managed_fulfillment_orders";
  }

  /** Shopify filters fulfillment orders by the app's scopes instead of refusing the query. */
  canSeeFulfillmentOrder(fo: FulfillmentOrderRecord): boolean {
    const scope = this.fulfillmentOrderScope(fo);
    return this.hasScope(`read_${scope}`) || this.hasScope(`write_${scope}`);
  }

  missingWriteScope(fo: FulfillmentOrderRecord): string | null {
    const scope = `write_${this.fulfillmentOrderScope(fo)}`;
    return this.hasScope(scope) ? null : scope;
  }

  private visibleOwner(id: string): OrderRecord | undefined {
    const order = this.ownerOf.get(id);
    return order && this.canSeeOrder(order) ? order : undefined;
  }

  order(id: string): OrderRecord | undefined {
    const order = this.visibleOwner(id);
    return order?.id === id ? order : undefined;
  }

  fulfillment(id: string): FulfillmentRecord | undefined {
    return this.visibleOwner(id)?.fulfillments.find((fulfillment) => fulfillment.id === id);
  }

  fulfillmentOrder(id: string): FulfillmentOrderRecord | undefined {
    const fo = this.visibleOwner(id)?.fulfillmentOrders.find((candidate) => candidate.id === id);
    return fo && this.canSeeFulfillmentOrder(fo) ? fo : undefined;
  }

  /** Any record the Node interface can reach; null for unknown or invisible ids, as Shopify answers. */
  node(id: string): { id: string } | null {
    const parsed = parseGid(id);
    if (!parsed) return null;
    switch (parsed.type) {
      case "Shop":
        return id === this.record.id ? this.record : null;
      case "Location":
        return this.record.locations.find((location) => location.id === id) ?? null;
      case "AppInstallation":
        return this.currentAppInstallation().id === id ? this.currentAppInstallation() : null;
      case "Order":
        return this.order(id) ?? null;
      case "Fulfillment":
        return this.fulfillment(id) ?? null;
      case "FulfillmentOrder":
        return this.fulfillmentOrder(id) ?? null;
    }
    const order = this.visibleOwner(id);
    if (!order) return null;
    const children: { id: string }[] = [
      ...order.lineItems,
      ...order.metafields,
      ...order.fulfillmentOrders.filter((fo) => this.canSeeFulfillmentOrder(fo)).flatMap((fo) => fo.lineItems),
      ...order.fulfillments.flatMap((fulfillment) => [...fulfillment.events, ...fulfillment.fulfillmentLineItems]),
    ];
    return children.find((child) => child.id === id) ?? null;
  }

  currentAppInstallation(): { id: string; appId: string } {
    return { id: this.record.appInstallationId, appId: this.record.appId };
  }

  /** `$app` and `$app:suffix` are the app-reserved namespaces; Shopify stores them per app id. */
  resolveNamespace(namespace: string | null | undefined): string {
    const value = namespace ?? "$app";
    if (value === "$app") return `app--${this.record.appId}`;
    if (value.startsWith("$app:")) return `app--${this.record.appId}--${value.slice("$app:".length)}`;
    return value;
  }
}
