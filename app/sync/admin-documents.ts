// The GraphQL documents the sync engine sends to the Admin API 2026-10. Each is a static
// `#graphql` literal: the test suite validates it against Shopify's real schema and the type
// generator types it (app/types/admin.generated.d.ts). Several operations share a literal so
// they can share a fragment; the request names the operation to run.

/** Finding and inspecting the order a waybill belongs to. */
export const DELIVERY_QUERIES = `#graphql
  fragment DeliveryOrder on Order {
    id
    legacyResourceId
    name
    fulfillmentOrders(first: 5) {
      nodes {
        id
        status
        assignedLocation {
          name
          location {
            id
            isFulfillmentService
          }
        }
      }
    }
    fulfillments(first: 5) {
      id
      status
      createdAt
      trackingInfo(first: 1) {
        number
      }
    }
  }

  query DeliveryOrderSearch($query: String!) {
    orders(first: 3, query: $query, sortKey: CREATED_AT, reverse: true) {
      nodes {
        ...DeliveryOrder
      }
    }
  }

  query DeliveryOrderById($id: ID!) {
    order(id: $id) {
      ...DeliveryOrder
    }
  }

  query DeliveryFulfillment($id: ID!) {
    fulfillment(id: $id) {
      id
      status
      events(first: 50) {
        nodes {
          status
          happenedAt
        }
      }
    }
  }
`;

/**
 * Everything one delivery step changes on an order, in one request. Each part is switched on by
 * its flag; a switched-off part still needs a well-typed (unused) variable. Mutations run in
 * document order: create the fulfillment, add its events, retag, set the metafield, cancel last.
 */
export const APPLY_DELIVERY_CHANGES = `#graphql
  mutation ApplyDeliveryChanges(
    $orderId: ID!
    $fulfillmentId: ID!
    $fulfillment: FulfillmentInput!
    $create: Boolean!
    $event1: FulfillmentEventInput!
    $withEvent1: Boolean!
    $event2: FulfillmentEventInput!
    $withEvent2: Boolean!
    $event3: FulfillmentEventInput!
    $withEvent3: Boolean!
    $event4: FulfillmentEventInput!
    $withEvent4: Boolean!
    $tagsToRemove: [String!]!
    $removeTags: Boolean!
    $tagsToAdd: [String!]!
    $addTags: Boolean!
    $metafields: [MetafieldsSetInput!]!
    $setMetafield: Boolean!
    $cancel: Boolean!
  ) {
    fulfillmentCreate(fulfillment: $fulfillment) @include(if: $create) {
      fulfillment {
        id
        order {
          displayFulfillmentStatus
        }
      }
      userErrors {
        field
        message
      }
    }
    event1: fulfillmentEventCreate(fulfillmentEvent: $event1) @include(if: $withEvent1) {
      userErrors {
        field
        message
      }
    }
    event2: fulfillmentEventCreate(fulfillmentEvent: $event2) @include(if: $withEvent2) {
      userErrors {
        field
        message
      }
    }
    event3: fulfillmentEventCreate(fulfillmentEvent: $event3) @include(if: $withEvent3) {
      userErrors {
        field
        message
      }
    }
    event4: fulfillmentEventCreate(fulfillmentEvent: $event4) @include(if: $withEvent4) {
      userErrors {
        field
        message
      }
    }
    tagsRemove(id: $orderId, tags: $tagsToRemove) @include(if: $removeTags) {
      userErrors {
        field
        message
      }
    }
    tagsAdd(id: $orderId, tags: $tagsToAdd) @include(if: $addTags) {
      userErrors {
        field
        message
      }
    }
    metafieldsSet(metafields: $metafields) @include(if: $setMetafield) {
      userErrors {
        field
        message
      }
    }
    fulfillmentCancel(id: $fulfillmentId) @include(if: $cancel) {
      userErrors {
        field
        message
      }
    }
  }
`;

/** Removes the app's metafield from an order whose waybill is unlinked (a missing one deletes as null). */
export const DELETE_DELIVERY_METAFIELD = `#graphql
  mutation DeleteDeliveryMetafield($metafields: [MetafieldIdentifierInput!]!) {
    metafieldsDelete(metafields: $metafields) {
      deletedMetafields {
        key
      }
      userErrors {
        field
        message
      }
    }
  }
`;

/** The merchant's order picker: the shop's orders whose name starts with what was typed, newest first. */
export const ORDER_PICKER_SEARCH = `#graphql
  query OrderPickerSearch($query: String!) {
    orders(first: 10, query: $query, sortKey: CREATED_AT, reverse: true) {
      nodes {
        id
        name
        createdAt
        displayFulfillmentStatus
      }
    }
  }
`;

/** How many fulfillment events fit in one ApplyDeliveryChanges request. */
export const EVENT_SLOTS = 4;

/**
 * Cash on delivery (docs/decisions/015): what the order's payment looks like now, read before
 * every mark so an order paid meanwhile (by hand, or by an attempt that went unanswered) is left
 * alone; and the mark itself, which records a sale for the outstanding amount.
 */
export const ORDER_PAYMENT_DOCUMENTS = `#graphql
  query DeliveryOrderPayment($id: ID!) {
    order(id: $id) {
      id
      displayFinancialStatus
      canMarkAsPaid
      paymentGatewayNames
      totalOutstandingSet {
        shopMoney {
          amount
          currencyCode
        }
      }
      transactions(first: 10) {
        gateway
        kind
        status
        manualPaymentGateway
      }
    }
  }

  mutation MarkDeliveredOrderPaid($input: OrderMarkAsPaidInput!) {
    orderMarkAsPaid(input: $input) {
      order {
        id
        displayFinancialStatus
      }
      userErrors {
        field
        message
      }
    }
  }
`;

/** Starts the merchant's Shopify Flow workflows that begin with one of the app's triggers (extensions/*-flow-trigger). */
export const SEND_FLOW_TRIGGER = `#graphql
  mutation SendFlowTrigger($handle: String!, $payload: JSON!) {
    flowTriggerReceive(handle: $handle, payload: $payload) {
      userErrors {
        field
        message
      }
    }
  }
`;
