// The sync engine's Shopify port on the real Admin API: the typed documents of
// admin-documents.ts sent through the cost-aware client, their answers mapped to the engine's
// snapshots, and every userError collected with the operation that raised it.
import type { OrderPayment } from "../delivery/cash-on-delivery";
import type { FulfillmentEventStatus } from "../delivery/state";
import type {
  ApplyDeliveryChangesMutation,
  ApplyDeliveryChangesMutationVariables,
  DeleteDeliveryMetafieldMutation,
  DeliveryFulfillmentQuery,
  DeliveryOrderByIdQuery,
  DeliveryOrderFragment,
  DeliveryOrderPaymentQuery,
  DeliveryOrderSearchQuery,
  OrderPickerSearchQuery,
  MarkDeliveredOrderPaidMutation,
  SendFlowTriggerMutation,
} from "../types/admin.generated";
import type { FulfillmentEventInput } from "../types/admin.types";
import {
  APPLY_DELIVERY_CHANGES,
  DELETE_DELIVERY_METAFIELD,
  DELIVERY_QUERIES,
  EVENT_SLOTS,
  ORDER_PAYMENT_DOCUMENTS,
  ORDER_PICKER_SEARCH,
  SEND_FLOW_TRIGGER,
} from "./admin-documents";
import { orderPickerQuery, type PickableOrder } from "./order-picker";
import type { AdminGraphqlClient, AdminRequest } from "./admin-graphql.server";
import type { WorkLane } from "../inbox/fair-share";
import type { BudgetLane } from "./cost-bucket";
import type { ApplyRequest, ApplyResult, FulfillmentSnapshot, OrderSnapshot, ShopifyPort, SyncShop } from "./ports";

// Requested costs, as Shopify computes them for these documents: an object 1, a connection 2
// plus `first` nodes, a list `first` items, a mutation 10 plus its payload's objects. The
// client waits until the shop's bucket holds them; Shopify refunds what was not used.
const ORDER_COST = 1 + (2 + 5 * 3) + 5 * (1 + 1);
const SEARCH_COST = 2 + 3 * ORDER_COST;
const FULFILLMENT_COST = 1 + 2 + 50;
const PICKER_COST = 2 + 10;
const MUTATION_COST = 10 + 1;
const CREATE_COST = 10 + 3;
const PAYMENT_COST = 1 + 2 + 10;

/** A well-typed stand-in for a switched-off part of ApplyDeliveryChanges: never executed. */
const UNUSED_ID = "gid://shopify/Fulfillment/0";

function snapshotOf(order: DeliveryOrderFragment): OrderSnapshot {
  return {
    id: order.id,
    legacyId: String(order.legacyResourceId),
    name: order.name,
    fulfillmentOrders: order.fulfillmentOrders.nodes.map((fulfillmentOrder) => ({
      id: fulfillmentOrder.id,
      status: fulfillmentOrder.status,
      locationId: fulfillmentOrder.assignedLocation.location?.id ?? fulfillmentOrder.assignedLocation.name,
      locationName: fulfillmentOrder.assignedLocation.name,
      fulfillmentService: fulfillmentOrder.assignedLocation.location?.isFulfillmentService ?? false,
    })),
    fulfillments: order.fulfillments.map((fulfillment) => ({
      id: fulfillment.id,
      status: fulfillment.status,
      createdAt: String(fulfillment.createdAt),
      trackingNumbers: fulfillment.trackingInfo.map((info) => info.number).filter((number): number is string => Boolean(number)),
    })),
  };
}

const UNUSED_STATUS: FulfillmentEventStatus = "CONFIRMED";

function eventInput(event: ApplyRequest["events"][number] | undefined): FulfillmentEventInput {
  return event
    ? {
        fulfillmentId: event.fulfillmentId,
        status: event.status,
        happenedAt: event.happenedAt.toISOString(),
        ...(event.message ? { message: event.message } : {}),
      }
    : { fulfillmentId: UNUSED_ID, status: UNUSED_STATUS };
}

export function applyVariables(request: ApplyRequest): ApplyDeliveryChangesMutationVariables {
  if (request.events.length > EVENT_SLOTS)
    throw new RangeError(`ApplyDeliveryChanges has ${EVENT_SLOTS} event slots; the request carries ${request.events.length} events`);
  const slot = (index: number) => eventInput(request.events[index]);
  const create = request.create;
  return {
    orderId: request.orderId,
    fulfillmentId: request.cancelFulfillmentId ?? UNUSED_ID,
    create: create !== null,
    fulfillment: create
      ? {
          lineItemsByFulfillmentOrder: create.fulfillmentOrderIds.map((fulfillmentOrderId) => ({ fulfillmentOrderId })),
          notifyCustomer: create.notifyCustomer,
          trackingInfo: {
            company: create.trackingCompany,
            number: create.trackingNumber,
            ...(create.trackingUrl ? { url: create.trackingUrl } : {}),
          },
        }
      : { lineItemsByFulfillmentOrder: [] },
    event1: slot(0),
    withEvent1: request.events.length > 0,
    event2: slot(1),
    withEvent2: request.events.length > 1,
    event3: slot(2),
    withEvent3: request.events.length > 2,
    event4: slot(3),
    withEvent4: request.events.length > 3,
    tagsToRemove: request.tags?.remove ?? [],
    removeTags: (request.tags?.remove.length ?? 0) > 0,
    tagsToAdd: request.tags?.add ?? [],
    addTags: (request.tags?.add.length ?? 0) > 0,
    metafields: request.metafield ? [{ ownerId: request.orderId, ...request.metafield }] : [],
    setMetafield: request.metafield !== null,
    cancel: request.cancelFulfillmentId !== null,
  };
}

function requestCost(variables: ApplyDeliveryChangesMutationVariables): number {
  const parts = [
    variables.withEvent1,
    variables.withEvent2,
    variables.withEvent3,
    variables.withEvent4,
    variables.removeTags,
    variables.addTags,
    variables.setMetafield,
    variables.cancel,
  ];
  return (variables.create ? CREATE_COST : 0) + parts.filter(Boolean).length * MUTATION_COST;
}

type UserError = { field?: string[] | null; message: string };

/** Every userError of a mutation's payloads, named by the operation (or alias) that raised it. */
function userErrorsOf(data: Record<string, { userErrors?: UserError[] } | null | undefined>): string[] {
  return Object.entries(data).flatMap(([operation, payload]) =>
    (payload?.userErrors ?? []).map((error) => `${operation}: ${error.message}${error.field?.length ? ` (${error.field.join(".")})` : ""}`),
  );
}

export class AdminShopifyGateway implements ShopifyPort {
  readonly eventsPerRequest = EVENT_SLOTS;

  /**
   * `lane`: whose requests these are. The worker's gateway sends on the live lane (a parked
   * retry's search says so); a merchant's actions use a gateway of their own on the merchant
   * lane, which goes first in the shop's budget. Both share the client, so one view of the bucket.
   */
  constructor(
    private readonly client: AdminGraphqlClient,
    private readonly lane: BudgetLane = "live",
  ) {}

  /** One request for the shop, on this gateway's lane unless the request names another. */
  private send<T>(shop: SyncShop, request: Omit<AdminRequest, "shop" | "accessToken">): Promise<T> {
    return this.client.request<T>({ ...request, shop: shop.shop, accessToken: shop.accessToken, lane: request.lane ?? this.lane });
  }

  /** A waybill's first request is most often the order search, the dearest the engine sends: room for one. */
  budgetDelayMs(shop: string, lane: WorkLane): number {
    return this.client.budgetDelayMs(shop, { operationName: "DeliveryOrderSearch", estimatedCost: SEARCH_COST }, lane);
  }

  async searchOrders(shop: SyncShop, query: string, lane?: BudgetLane): Promise<OrderSnapshot[]> {
    const data = await this.send<DeliveryOrderSearchQuery>(shop, {
      query: DELIVERY_QUERIES,
      operationName: "DeliveryOrderSearch",
      variables: { query },
      estimatedCost: SEARCH_COST,
      lane,
    });
    return data.orders.nodes.map(snapshotOf);
  }

  /** The merchant's order picker: orders whose name starts with what was typed (not part of the engine's port). */
  async pickOrders(shop: SyncShop, typed: string): Promise<PickableOrder[]> {
    const query = orderPickerQuery(typed);
    if (!query) return [];
    const data = await this.send<OrderPickerSearchQuery>(shop, {
      query: ORDER_PICKER_SEARCH,
      operationName: "OrderPickerSearch",
      variables: { query },
      estimatedCost: PICKER_COST,
    });
    return data.orders.nodes;
  }

  async order(shop: SyncShop, orderId: string): Promise<OrderSnapshot | null> {
    const data = await this.send<DeliveryOrderByIdQuery>(shop, {
      query: DELIVERY_QUERIES,
      operationName: "DeliveryOrderById",
      variables: { id: orderId },
      estimatedCost: ORDER_COST,
    });
    return data.order ? snapshotOf(data.order) : null;
  }

  async fulfillment(shop: SyncShop, fulfillmentId: string): Promise<FulfillmentSnapshot | null> {
    const data = await this.send<DeliveryFulfillmentQuery>(shop, {
      query: DELIVERY_QUERIES,
      operationName: "DeliveryFulfillment",
      variables: { id: fulfillmentId },
      estimatedCost: FULFILLMENT_COST,
    });
    if (!data.fulfillment) return null;
    return {
      status: data.fulfillment.status,
      events: data.fulfillment.events.nodes.map((event) => ({ status: event.status, happenedAt: String(event.happenedAt) })),
    };
  }

  async apply(shop: SyncShop, request: ApplyRequest): Promise<ApplyResult> {
    const variables = applyVariables(request);
    const data = await this.send<ApplyDeliveryChangesMutation>(shop, {
      query: APPLY_DELIVERY_CHANGES,
      operationName: "ApplyDeliveryChanges",
      variables,
      estimatedCost: requestCost(variables),
    });
    const userErrors = userErrorsOf(data);
    const created = data.fulfillmentCreate?.fulfillment;
    return {
      createdFulfillmentId: created?.id ?? null,
      orderPartlyFulfilled: created?.order.displayFulfillmentStatus === "PARTIALLY_FULFILLED",
      userErrors,
    };
  }

  async deleteMetafield(shop: SyncShop, orderId: string, metafield: { namespace: string; key: string }): Promise<string[]> {
    const data = await this.send<DeleteDeliveryMetafieldMutation>(shop, {
      query: DELETE_DELIVERY_METAFIELD,
      operationName: "DeleteDeliveryMetafield",
      variables: { metafields: [{ ownerId: orderId, namespace: metafield.namespace, key: metafield.key }] },
      estimatedCost: MUTATION_COST,
    });
    return userErrorsOf(data);
  }

  async orderPayment(shop: SyncShop, orderId: string): Promise<OrderPayment | null> {
    const data = await this.send<DeliveryOrderPaymentQuery>(shop, {
      query: ORDER_PAYMENT_DOCUMENTS,
      operationName: "DeliveryOrderPayment",
      variables: { id: orderId },
      estimatedCost: PAYMENT_COST,
    });
    const order = data.order;
    if (!order) return null;
    return {
      displayFinancialStatus: order.displayFinancialStatus ?? null,
      canMarkAsPaid: order.canMarkAsPaid,
      gatewayNames: order.paymentGatewayNames,
      outstanding: {
        amount: String(order.totalOutstandingSet.shopMoney.amount),
        currencyCode: order.totalOutstandingSet.shopMoney.currencyCode,
      },
      transactions: order.transactions.map((transaction) => ({
        gateway: transaction.gateway ?? null,
        kind: transaction.kind,
        status: transaction.status,
        manual: transaction.manualPaymentGateway,
      })),
    };
  }

  async markAsPaid(shop: SyncShop, orderId: string): Promise<string[]> {
    const data = await this.send<MarkDeliveredOrderPaidMutation>(shop, {
      query: ORDER_PAYMENT_DOCUMENTS,
      operationName: "MarkDeliveredOrderPaid",
      variables: { input: { id: orderId } },
      estimatedCost: MUTATION_COST,
    });
    return userErrorsOf(data);
  }

  async sendFlowTrigger(shop: SyncShop, handle: string, payload: Record<string, unknown>): Promise<string[]> {
    const data = await this.send<SendFlowTriggerMutation>(shop, {
      query: SEND_FLOW_TRIGGER,
      operationName: "SendFlowTrigger",
      variables: { handle, payload },
      estimatedCost: MUTATION_COST - 1,
    });
    return userErrorsOf(data);
  }
}
