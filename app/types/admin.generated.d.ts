/* eslint-disable eslint-comments/disable-enable-pair */
/* eslint-disable eslint-comments/no-unlimited-disable */
/* eslint-disable */
import type * as AdminTypes from './admin.types.js';

export type DeliveryOrderFragment = (
  Pick<AdminTypes.Order, 'id' | 'legacyResourceId' | 'name'>
  & { fulfillmentOrders: { nodes: Array<(
      Pick<AdminTypes.FulfillmentOrder, 'id' | 'status'>
      & { assignedLocation: (
        Pick<AdminTypes.FulfillmentOrderAssignedLocation, 'name'>
        & { location?: AdminTypes.Maybe<Pick<AdminTypes.Location, 'id' | 'isFulfillmentService'>> }
      ) }
    )> }, fulfillments: Array<(
    Pick<AdminTypes.Fulfillment, 'id' | 'status' | 'createdAt'>
    & { trackingInfo: Array<Pick<AdminTypes.FulfillmentTrackingInfo, 'number'>> }
  )> }
);

export type DeliveryOrderSearchQueryVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
}>;


export type DeliveryOrderSearchQuery = { orders: { nodes: Array<(
      Pick<AdminTypes.Order, 'id' | 'legacyResourceId' | 'name'>
      & { fulfillmentOrders: { nodes: Array<(
          Pick<AdminTypes.FulfillmentOrder, 'id' | 'status'>
          & { assignedLocation: (
            Pick<AdminTypes.FulfillmentOrderAssignedLocation, 'name'>
            & { location?: AdminTypes.Maybe<Pick<AdminTypes.Location, 'id' | 'isFulfillmentService'>> }
          ) }
        )> }, fulfillments: Array<(
        Pick<AdminTypes.Fulfillment, 'id' | 'status' | 'createdAt'>
        & { trackingInfo: Array<Pick<AdminTypes.FulfillmentTrackingInfo, 'number'>> }
      )> }
    )> } };

export type DeliveryOrderByIdQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type DeliveryOrderByIdQuery = { order?: AdminTypes.Maybe<(
    Pick<AdminTypes.Order, 'id' | 'legacyResourceId' | 'name'>
    & { fulfillmentOrders: { nodes: Array<(
        Pick<AdminTypes.FulfillmentOrder, 'id' | 'status'>
        & { assignedLocation: (
          Pick<AdminTypes.FulfillmentOrderAssignedLocation, 'name'>
          & { location?: AdminTypes.Maybe<Pick<AdminTypes.Location, 'id' | 'isFulfillmentService'>> }
        ) }
      )> }, fulfillments: Array<(
      Pick<AdminTypes.Fulfillment, 'id' | 'status' | 'createdAt'>
      & { trackingInfo: Array<Pick<AdminTypes.FulfillmentTrackingInfo, 'number'>> }
    )> }
  )> };

export type DeliveryFulfillmentQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type DeliveryFulfillmentQuery = { fulfillment?: AdminTypes.Maybe<(
    Pick<AdminTypes.Fulfillment, 'id' | 'status'>
    & { events: { nodes: Array<Pick<AdminTypes.FulfillmentEvent, 'status' | 'happenedAt'>> } }
  )> };

export type ApplyDeliveryChangesMutationVariables = AdminTypes.Exact<{
  orderId: AdminTypes.Scalars['ID']['input'];
  fulfillmentId: AdminTypes.Scalars['ID']['input'];
  fulfillment: AdminTypes.FulfillmentInput;
  create: AdminTypes.Scalars['Boolean']['input'];
  event1: AdminTypes.FulfillmentEventInput;
  withEvent1: AdminTypes.Scalars['Boolean']['input'];
  event2: AdminTypes.FulfillmentEventInput;
  withEvent2: AdminTypes.Scalars['Boolean']['input'];
  event3: AdminTypes.FulfillmentEventInput;
  withEvent3: AdminTypes.Scalars['Boolean']['input'];
  event4: AdminTypes.FulfillmentEventInput;
  withEvent4: AdminTypes.Scalars['Boolean']['input'];
  tagsToRemove: Array<AdminTypes.Scalars['String']['input']> | AdminTypes.Scalars['String']['input'];
  removeTags: AdminTypes.Scalars['Boolean']['input'];
  tagsToAdd: Array<AdminTypes.Scalars['String']['input']> | AdminTypes.Scalars['String']['input'];
  addTags: AdminTypes.Scalars['Boolean']['input'];
  metafields: Array<AdminTypes.MetafieldsSetInput> | AdminTypes.MetafieldsSetInput;
  setMetafield: AdminTypes.Scalars['Boolean']['input'];
  cancel: AdminTypes.Scalars['Boolean']['input'];
}>;


export type ApplyDeliveryChangesMutation = { fulfillmentCreate?: AdminTypes.Maybe<{ fulfillment?: AdminTypes.Maybe<(
      Pick<AdminTypes.Fulfillment, 'id'>
      & { order: Pick<AdminTypes.Order, 'displayFulfillmentStatus'> }
    )>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }>, event1?: AdminTypes.Maybe<{ userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }>, event2?: AdminTypes.Maybe<{ userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }>, event3?: AdminTypes.Maybe<{ userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }>, event4?: AdminTypes.Maybe<{ userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }>, tagsRemove?: AdminTypes.Maybe<{ userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }>, tagsAdd?: AdminTypes.Maybe<{ userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }>, metafieldsSet?: AdminTypes.Maybe<{ userErrors: Array<Pick<AdminTypes.MetafieldsSetUserError, 'field' | 'message'>> }>, fulfillmentCancel?: AdminTypes.Maybe<{ userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type DeleteDeliveryMetafieldMutationVariables = AdminTypes.Exact<{
  metafields: Array<AdminTypes.MetafieldIdentifierInput> | AdminTypes.MetafieldIdentifierInput;
}>;


export type DeleteDeliveryMetafieldMutation = { metafieldsDelete?: AdminTypes.Maybe<{ deletedMetafields?: AdminTypes.Maybe<Array<AdminTypes.Maybe<Pick<AdminTypes.MetafieldIdentifier, 'key'>>>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type OrderPickerSearchQueryVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
}>;


export type OrderPickerSearchQuery = { orders: { nodes: Array<Pick<AdminTypes.Order, 'id' | 'name' | 'createdAt' | 'displayFulfillmentStatus'>> } };

export type DeliveryOrderPaymentQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type DeliveryOrderPaymentQuery = { order?: AdminTypes.Maybe<(
    Pick<AdminTypes.Order, 'id' | 'displayFinancialStatus' | 'canMarkAsPaid' | 'paymentGatewayNames'>
    & { totalOutstandingSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, transactions: Array<Pick<AdminTypes.OrderTransaction, 'gateway' | 'kind' | 'status' | 'manualPaymentGateway'>> }
  )> };

export type MarkDeliveredOrderPaidMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.OrderMarkAsPaidInput;
}>;


export type MarkDeliveredOrderPaidMutation = { orderMarkAsPaid?: AdminTypes.Maybe<{ order?: AdminTypes.Maybe<Pick<AdminTypes.Order, 'id' | 'displayFinancialStatus'>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type SendFlowTriggerMutationVariables = AdminTypes.Exact<{
  handle: AdminTypes.Scalars['String']['input'];
  payload: AdminTypes.Scalars['JSON']['input'];
}>;


export type SendFlowTriggerMutation = { flowTriggerReceive?: AdminTypes.Maybe<{ userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

interface GeneratedQueryTypes {
  "#graphql\n  fragment DeliveryOrder on Order {\n    id\n    legacyResourceId\n    name\n    fulfillmentOrders(first: 5) {\n      nodes {\n        id\n        status\n        assignedLocation {\n          name\n          location {\n            id\n            isFulfillmentService\n          }\n        }\n      }\n    }\n    fulfillments(first: 5) {\n      id\n      status\n      createdAt\n      trackingInfo(first: 1) {\n        number\n      }\n    }\n  }\n\n  query DeliveryOrderSearch($query: String!) {\n    orders(first: 3, query: $query, sortKey: CREATED_AT, reverse: true) {\n      nodes {\n        ...DeliveryOrder\n      }\n    }\n  }\n\n  query DeliveryOrderById($id: ID!) {\n    order(id: $id) {\n      ...DeliveryOrder\n    }\n  }\n\n  query DeliveryFulfillment($id: ID!) {\n    fulfillment(id: $id) {\n      id\n      status\n      events(first: 50) {\n        nodes {\n          status\n          happenedAt\n        }\n      }\n    }\n  }\n": {return: never, variables: DeliveryOrderSearchQueryVariables & DeliveryOrderByIdQueryVariables & DeliveryFulfillmentQueryVariables},
  "#graphql\n  query OrderPickerSearch($query: String!) {\n    orders(first: 10, query: $query, sortKey: CREATED_AT, reverse: true) {\n      nodes {\n        id\n        name\n        createdAt\n        displayFulfillmentStatus\n      }\n    }\n  }\n": {return: OrderPickerSearchQuery, variables: OrderPickerSearchQueryVariables},
}

interface GeneratedMutationTypes {
  "#graphql\n  mutation ApplyDeliveryChanges(\n    $orderId: ID!\n    $fulfillmentId: ID!\n    $fulfillment: FulfillmentInput!\n    $create: Boolean!\n    $event1: FulfillmentEventInput!\n    $withEvent1: Boolean!\n    $event2: FulfillmentEventInput!\n    $withEvent2: Boolean!\n    $event3: FulfillmentEventInput!\n    $withEvent3: Boolean!\n    $event4: FulfillmentEventInput!\n    $withEvent4: Boolean!\n    $tagsToRemove: [String!]!\n    $removeTags: Boolean!\n    $tagsToAdd: [String!]!\n    $addTags: Boolean!\n    $metafields: [MetafieldsSetInput!]!\n    $setMetafield: Boolean!\n    $cancel: Boolean!\n  ) {\n    fulfillmentCreate(fulfillment: $fulfillment) @include(if: $create) {\n      fulfillment {\n        id\n        order {\n          displayFulfillmentStatus\n        }\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n    event1: fulfillmentEventCreate(fulfillmentEvent: $event1) @include(if: $withEvent1) {\n      userErrors {\n        field\n        message\n      }\n    }\n    event2: fulfillmentEventCreate(fulfillmentEvent: $event2) @include(if: $withEvent2) {\n      userErrors {\n        field\n        message\n      }\n    }\n    event3: fulfillmentEventCreate(fulfillmentEvent: $event3) @include(if: $withEvent3) {\n      userErrors {\n        field\n        message\n      }\n    }\n    event4: fulfillmentEventCreate(fulfillmentEvent: $event4) @include(if: $withEvent4) {\n      userErrors {\n        field\n        message\n      }\n    }\n    tagsRemove(id: $orderId, tags: $tagsToRemove) @include(if: $removeTags) {\n      userErrors {\n        field\n        message\n      }\n    }\n    tagsAdd(id: $orderId, tags: $tagsToAdd) @include(if: $addTags) {\n      userErrors {\n        field\n        message\n      }\n    }\n    metafieldsSet(metafields: $metafields) @include(if: $setMetafield) {\n      userErrors {\n        field\n        message\n      }\n    }\n    fulfillmentCancel(id: $fulfillmentId) @include(if: $cancel) {\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: ApplyDeliveryChangesMutation, variables: ApplyDeliveryChangesMutationVariables},
  "#graphql\n  mutation DeleteDeliveryMetafield($metafields: [MetafieldIdentifierInput!]!) {\n    metafieldsDelete(metafields: $metafields) {\n      deletedMetafields {\n        key\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: DeleteDeliveryMetafieldMutation, variables: DeleteDeliveryMetafieldMutationVariables},
  "#graphql\n  query DeliveryOrderPayment($id: ID!) {\n    order(id: $id) {\n      id\n      displayFinancialStatus\n      canMarkAsPaid\n      paymentGatewayNames\n      totalOutstandingSet {\n        shopMoney {\n          amount\n          currencyCode\n        }\n      }\n      transactions(first: 10) {\n        gateway\n        kind\n        status\n        manualPaymentGateway\n      }\n    }\n  }\n\n  mutation MarkDeliveredOrderPaid($input: OrderMarkAsPaidInput!) {\n    orderMarkAsPaid(input: $input) {\n      order {\n        id\n        displayFinancialStatus\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: never, variables: DeliveryOrderPaymentQueryVariables & MarkDeliveredOrderPaidMutationVariables},
  "#graphql\n  mutation SendFlowTrigger($handle: String!, $payload: JSON!) {\n    flowTriggerReceive(handle: $handle, payload: $payload) {\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: SendFlowTriggerMutation, variables: SendFlowTriggerMutationVariables},
}
declare module '@shopify/admin-api-client' {
  type InputMaybe<T> = AdminTypes.InputMaybe<T>;
  interface AdminQueries extends GeneratedQueryTypes {}
  interface AdminMutations extends GeneratedMutationTypes {}
}
