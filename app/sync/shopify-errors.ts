// The two ways a Shopify call fails, as the worker must treat them: transient (network,
// timeouts, 5xx, throttling that outlasted our own waiting) is retried with backoff; a
// rejected request (userErrors, an invalid or unauthorised query) is recorded and not retried.

export class ShopifyTransientError extends Error {
  readonly name = "ShopifyTransientError";
}

export class ShopifyRejectedError extends Error {
  readonly name = "ShopifyRejectedError";
}
