// Binds the real Admin schema to the emulator's state. Entity types list every field they
// implement; small value objects built here (payloads, connections, user errors…) expose their
// own properties. Any other field raises "not implemented" naming it, so a test never reads a
// silent null from a field the emulator does not model.
import type { GraphQLFieldResolver, GraphQLResolveInfo, GraphQLTypeResolver } from "graphql";
import { connection, type ConnectionArgs } from "./connection";
import { notImplemented } from "./errors";
import { cancelFulfillment, createFulfillment, createFulfillmentEvent, updateTracking } from "./fulfillments";
import { receiveFlowTrigger } from "./flow-triggers";
import { compareDigest, deleteMetafields, setMetafields } from "./metafields";
import { canMarkAsPaid, cents, decimal, displayFinancialStatus, markAsPaid, outstanding, received, totalPrice } from "./payments";
import {
  displayFulfillmentStatus,
  fulfilledQuantity,
  gid,
  parseGid,
  supportedActions,
  type FulfillmentEventRecord,
  type FulfillmentLineItemRecord,
  type FulfillmentOrderLineItemRecord,
  type FulfillmentOrderRecord,
  type FulfillmentRecord,
  type LineItemRecord,
  type LocationRecord,
  type MetafieldRecord,
  type OrderRecord,
  type ShopRecord,
  type TransactionRecord,
} from "./model";
import { matchesOrder, parseSearch, unknownFields } from "./search";
import type { ShopData } from "./shop-data";
import { addTags, removeTags } from "./tags";

export interface SearchWarning {
  path: (string | number)[];
  query: string;
  warnings: { field: string; message: string }[];
}

export interface ResolverContext {
  shop: ShopData;
  /** Filled while resolving; becomes `extensions.search` as on Shopify. */
  searchWarnings: SearchWarning[];
}

// GraphQL arguments arrive already coerced against the schema, so their shape is known.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- coerced by graphql-js, as said above
type Args = Record<string, any>;
type Resolver<T> = (source: T, args: Args, ctx: ResolverContext, info: GraphQLResolveInfo) => unknown;
type TypeResolvers = Record<string, Resolver<never>>;

function fields<T>(map: Record<string, Resolver<T>>): TypeResolvers {
  return map as TypeResolvers;
}

function direct<T>(...names: (keyof T & string)[]): Record<string, Resolver<T>> {
  return Object.fromEntries(names.map((name) => [name, (source: T) => source[name]]));
}

function location(shop: ShopData, id: string): LocationRecord {
  const found = shop.record.locations.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`emulator: unknown location ${id}`);
  return found;
}

function lineItem(shop: ShopData, id: string): LineItemRecord | undefined {
  return shop.orderOf(id).lineItems.find((line) => line.id === id);
}

function slice<T>(items: T[], first: number | null | undefined): T[] {
  return first == null ? items : items.slice(0, first);
}

function rejectUnsupported(args: Args, names: string[], where: string): void {
  for (const name of names) if (args[name] != null) throw notImplemented(`${where}(${name}:)`);
}

const ORDER_SORT: Record<string, (order: OrderRecord) => number> = {
  CREATED_AT: (order) => Date.parse(order.createdAt),
  PROCESSED_AT: (order) => Date.parse(order.processedAt),
  UPDATED_AT: (order) => Date.parse(order.updatedAt),
  ID: (order) => Number(order.legacyResourceId),
  ORDER_NUMBER: (order) => order.number,
};

function sortOrders(orders: OrderRecord[], sortKey: string): OrderRecord[] {
  const key = ORDER_SORT[sortKey];
  if (!key) throw notImplemented(`orders(sortKey: ${sortKey})`);
  return [...orders].sort((a, b) => key(a) - key(b) || Number(a.legacyResourceId) - Number(b.legacyResourceId));
}

function responsePath(info: GraphQLResolveInfo): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at: GraphQLResolveInfo["path"] | undefined = info.path; at; at = at.prev) path.unshift(at.key);
  return path;
}

/** Metafield filters take `$app` namespaces too, resolved the way metafieldsSet stores them. */
function metafieldsOf(owner: OrderRecord, args: Args, shop: ShopData): MetafieldRecord[] {
  const namespace = args.namespace == null ? null : shop.resolveNamespace(args.namespace);
  const keys = (args.keys as string[] | null | undefined)?.map((full) => {
    const dot = full.lastIndexOf(".");
    return `${shop.resolveNamespace(full.slice(0, dot))}.${full.slice(dot + 1)}`;
  });
  return owner.metafields.filter(
    (metafield) =>
      (namespace === null || metafield.namespace === namespace) && (!keys || keys.includes(`${metafield.namespace}.${metafield.key}`)),
  );
}

/** A MoneyBag in the shop's currency; the emulator has no presentment currencies of its own. */
function moneyBag(amountInCents: number, shop: ShopData) {
  const money = { amount: decimal(amountInCents), currencyCode: shop.record.currencyCode };
  return { shopMoney: money, presentmentMoney: money };
}

const RESOLVERS: Record<string, TypeResolvers> = {
  QueryRoot: fields<unknown>({
    shop: (_root, _args, { shop }) => shop.record,
    order: (_root, { id }, { shop }) => shop.order(id) ?? null,
    orders: (_root, args, ctx, info) => {
      rejectUnsupported(args, ["savedSearchId"], "orders");
      let orders = ctx.shop.record.orders.filter((order) => ctx.shop.canSeeOrder(order));
      if (args.query) {
        const search = parseSearch(args.query);
        const unknown = unknownFields(search);
        if (unknown.length > 0) {
          ctx.searchWarnings.push({
            path: responsePath(info),
            query: args.query,
            warnings: unknown.map((field) => ({ field, message: "Invalid search field for this query." })),
          });
        }
        orders = orders.filter((order) => matchesOrder(search, order));
      }
      return connection(sortOrders(orders, args.sortKey), args);
    },
    node: (_root, { id }, { shop }) => shop.node(id),
    nodes: (_root, { ids }, { shop }) => (ids as string[]).map((id) => shop.node(id)),
    fulfillment: (_root, { id }, { shop }) => shop.fulfillment(id) ?? null,
    fulfillmentOrder: (_root, { id }, { shop }) => shop.fulfillmentOrder(id) ?? null,
    location: (_root, { id }, { shop }) => shop.record.locations.find((candidate) => id == null || candidate.id === id) ?? null,
    currentAppInstallation: (_root, _args, { shop }) => shop.currentAppInstallation(),
  }),

  Mutation: fields<unknown>({
    fulfillmentCreate: (_root, { fulfillment, message }, { shop }) => {
      const outcome = createFulfillment(shop, fulfillment, message);
      return { fulfillment: outcome.value, userErrors: outcome.userErrors };
    },
    fulfillmentEventCreate: (_root, { fulfillmentEvent }, { shop }) => {
      const outcome = createFulfillmentEvent(shop, fulfillmentEvent);
      return { fulfillmentEvent: outcome.value, userErrors: outcome.userErrors };
    },
    fulfillmentCancel: (_root, { id }, { shop }) => {
      const outcome = cancelFulfillment(shop, id);
      return { fulfillment: outcome.value, userErrors: outcome.userErrors };
    },
    fulfillmentTrackingInfoUpdate: (_root, { fulfillmentId, trackingInfoInput, notifyCustomer }, { shop }) => {
      const outcome = updateTracking(shop, fulfillmentId, trackingInfoInput, notifyCustomer);
      return { fulfillment: outcome.value, userErrors: outcome.userErrors };
    },
    tagsAdd: (_root, { id, tags }, { shop }) => {
      const outcome = addTags(shop, id, tags);
      return { node: outcome.order, userErrors: outcome.userErrors };
    },
    tagsRemove: (_root, { id, tags }, { shop }) => {
      const outcome = removeTags(shop, id, tags);
      return { node: outcome.order, userErrors: outcome.userErrors };
    },
    metafieldsSet: (_root, { metafields }, { shop }) => setMetafields(shop, metafields),
    metafieldsDelete: (_root, { metafields }, { shop }) => deleteMetafields(shop, metafields),
    orderMarkAsPaid: (_root, { input }, { shop }) => markAsPaid(shop, input.id),
    flowTriggerReceive: (_root, args, { shop }) => receiveFlowTrigger(shop, args),
  }),

  Shop: fields<ShopRecord>(direct("id", "name", "myshopifyDomain", "ianaTimezone", "currencyCode")),

  AppInstallation: fields<{ id: string; appId: string }>({
    id: (installation) => installation.id,
    app: (installation) => ({ id: gid("App", installation.appId), title: "Wakilni Delivery Sync", handle: "wakilni-delivery-sync" }),
    accessScopes: (_installation, _args, { shop }) => shop.record.scopes.map((handle) => ({ handle, description: handle })),
  }),

  Location: fields<LocationRecord>({
    ...direct("id", "legacyResourceId", "name"),
    isActive: () => true,
    isFulfillmentService: (loc) => loc.fulfillmentService !== null,
    fulfillmentService: (loc) => loc.fulfillmentService && { ...loc.fulfillmentService, type: "THIRD_PARTY", location: loc },
  }),

  Order: fields<OrderRecord>({
    ...direct(
      "id",
      "legacyResourceId",
      "name",
      "number",
      "createdAt",
      "updatedAt",
      "processedAt",
      "closed",
      "closedAt",
      "cancelledAt",
      "tags",
    ),
    currencyCode: (_order, _args, { shop }) => shop.record.currencyCode,
    displayFulfillmentStatus: (order) => displayFulfillmentStatus(order),
    displayFinancialStatus: (order) => displayFinancialStatus(order),
    canMarkAsPaid: (order) => canMarkAsPaid(order),
    paymentGatewayNames: (order) => order.paymentGatewayNames,
    totalPriceSet: (order, _args, { shop }) => moneyBag(totalPrice(order), shop),
    totalReceivedSet: (order, _args, { shop }) => moneyBag(received(order), shop),
    totalOutstandingSet: (order, _args, { shop }) => moneyBag(outstanding(order), shop),
    transactions: (order, args) => {
      rejectUnsupported(args, ["capturable", "manuallyResolvable"], "Order.transactions");
      return slice(order.transactions, args.first);
    },
    lineItems: (order, args) => connection(order.lineItems, args),
    fulfillmentOrders: (order, args, { shop }) => {
      rejectUnsupported(args, ["query"], "Order.fulfillmentOrders");
      // `displayable` hides what the admin hides: cancelled and never-fulfilled closed orders.
      const shown = (fo: FulfillmentOrderRecord) =>
        !args.displayable ||
        (fo.status !== "CANCELLED" &&
          (fo.status !== "CLOSED" || order.fulfillments.some((f) => f.fulfillmentLineItems.some((l) => l.fulfillmentOrderId === fo.id))));
      return connection(
        order.fulfillmentOrders.filter((fo) => shop.canSeeFulfillmentOrder(fo) && shown(fo)),
        args,
      );
    },
    fulfillments: (order, args) => {
      rejectUnsupported(args, ["query"], "Order.fulfillments");
      return slice(order.fulfillments, args.first);
    },
    metafield: (order, { namespace, key }, { shop }) =>
      order.metafields.find((metafield) => metafield.namespace === shop.resolveNamespace(namespace) && metafield.key === key) ?? null,
    metafields: (order, args, { shop }) => connection(metafieldsOf(order, args, shop), args),
  }),

  OrderTransaction: fields<TransactionRecord>({
    ...direct("id", "kind", "status", "gateway", "createdAt", "processedAt"),
    formattedGateway: (transaction) => transaction.gateway,
    manualPaymentGateway: (transaction) => transaction.manual,
    amountSet: (transaction, _args, { shop }) => moneyBag(cents(transaction.amount), shop),
  }),

  LineItem: fields<LineItemRecord>({
    ...direct("id", "title", "quantity", "sku"),
    name: (line) => line.title,
    currentQuantity: (line) => line.quantity,
    unfulfilledQuantity: (line, _args, { shop }) => line.quantity - fulfilledQuantity(shop.orderOf(line.id), line.id),
  }),

  FulfillmentOrder: fields<FulfillmentOrderRecord>({
    ...direct("id", "status", "requestStatus", "createdAt", "updatedAt"),
    order: (fo, _args, { shop }) => shop.orderOf(fo.id),
    orderId: (fo, _args, { shop }) => shop.orderOf(fo.id).id,
    orderName: (fo, _args, { shop }) => shop.orderOf(fo.id).name,
    orderProcessedAt: (fo, _args, { shop }) => shop.orderOf(fo.id).processedAt,
    assignedLocation: (fo, _args, { shop }) => {
      const loc = location(shop, fo.locationId);
      return {
        name: loc.name,
        location: loc,
        countryCode: "LB",
        address1: null,
        address2: null,
        city: null,
        province: null,
        zip: null,
        phone: null,
      };
    },
    lineItems: (fo, args) => connection(fo.lineItems, args),
    supportedActions: (fo, _args, { shop }) => supportedActions(shop.record, fo).map((action) => ({ action, externalUrl: null })),
    fulfillments: (fo, args, { shop }) =>
      connection(
        shop.orderOf(fo.id).fulfillments.filter((f) => f.fulfillmentLineItems.some((line) => line.fulfillmentOrderId === fo.id)),
        args,
      ),
  }),

  FulfillmentOrderLineItem: fields<FulfillmentOrderLineItemRecord>({
    ...direct("id", "totalQuantity", "remainingQuantity"),
    lineItem: (line, _args, { shop }) => lineItem(shop, line.lineItemId),
    sku: (line, _args, { shop }) => lineItem(shop, line.lineItemId)?.sku ?? null,
    productTitle: (line, _args, { shop }) => lineItem(shop, line.lineItemId)?.title,
  }),

  Fulfillment: fields<FulfillmentRecord>({
    ...direct(
      "id",
      "legacyResourceId",
      "name",
      "status",
      "displayStatus",
      "createdAt",
      "updatedAt",
      "deliveredAt",
      "inTransitAt",
      "estimatedDeliveryAt",
    ),
    order: (fulfillment, _args, { shop }) => shop.orderOf(fulfillment.id),
    location: (fulfillment, _args, { shop }) => location(shop, fulfillment.locationId),
    requiresShipping: () => true,
    totalQuantity: (fulfillment) => fulfillment.fulfillmentLineItems.reduce((sum, line) => sum + line.quantity, 0),
    trackingInfo: (fulfillment, { first }) => slice(fulfillment.trackingInfo, first),
    events: (fulfillment, args) => {
      const events =
        args.sortKey === "ID"
          ? fulfillment.events
          : [...fulfillment.events].sort((a, b) => Date.parse(a.happenedAt) - Date.parse(b.happenedAt));
      return connection(events, args as ConnectionArgs);
    },
    fulfillmentLineItems: (fulfillment, args) => connection(fulfillment.fulfillmentLineItems, args),
    fulfillmentOrders: (fulfillment, args, { shop }) => {
      const ids = new Set(fulfillment.fulfillmentLineItems.map((line) => line.fulfillmentOrderId));
      return connection(
        shop.orderOf(fulfillment.id).fulfillmentOrders.filter((fo) => ids.has(fo.id) && shop.canSeeFulfillmentOrder(fo)),
        args,
      );
    },
  }),

  FulfillmentEvent: fields<FulfillmentEventRecord>(
    direct(
      "id",
      "status",
      "happenedAt",
      "createdAt",
      "message",
      "estimatedDeliveryAt",
      "address1",
      "city",
      "province",
      "country",
      "zip",
      "latitude",
      "longitude",
    ),
  ),

  FulfillmentLineItem: fields<FulfillmentLineItemRecord>({
    ...direct("id", "quantity"),
    lineItem: (line, _args, { shop }) => lineItem(shop, line.lineItemId),
  }),

  Metafield: fields<MetafieldRecord>({
    ...direct("id", "namespace", "key", "type", "value", "createdAt", "updatedAt"),
    legacyResourceId: (metafield) => parseGid(metafield.id)?.id,
    compareDigest: (metafield) => compareDigest(metafield),
    jsonValue: (metafield) =>
      ["json", "number_integer", "number_decimal", "boolean"].includes(metafield.type) ? JSON.parse(metafield.value) : metafield.value,
    ownerType: () => "ORDER",
    owner: (metafield, _args, { shop }) => shop.orderOf(metafield.id),
  }),
};

/** Plain objects the resolvers above build; their own properties are their fields. */
const VALUE_TYPES = new Set([
  "PageInfo",
  "UserError",
  "MetafieldsSetUserError",
  "MetafieldIdentifier",
  "FulfillmentTrackingInfo",
  "FulfillmentOrderSupportedAction",
  "FulfillmentOrderAssignedLocation",
  "FulfillmentService",
  "App",
  "AccessScope",
  "MoneyBag",
  "MoneyV2",
]);

function isValueType(name: string): boolean {
  return VALUE_TYPES.has(name) || /(Payload|Connection|Edge)$/.test(name);
}

export const fieldResolver: GraphQLFieldResolver<unknown, ResolverContext> = (source, args, ctx, info) => {
  const resolve = RESOLVERS[info.parentType.name]?.[info.fieldName] as Resolver<unknown> | undefined;
  if (resolve) return resolve(source, args, ctx, info);
  if (isValueType(info.parentType.name) && typeof source === "object" && source !== null && Object.hasOwn(source, info.fieldName)) {
    return (source as Record<string, unknown>)[info.fieldName];
  }
  throw notImplemented(`${info.parentType.name}.${info.fieldName}`);
};

/** Every object the emulator returns through an interface carries a GID naming its type. */
export const typeResolver: GraphQLTypeResolver<unknown, ResolverContext> = (value) => {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === "string" ? parseGid(id)?.type : undefined;
};
