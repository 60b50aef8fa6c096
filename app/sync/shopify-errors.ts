// The two ways a Shopify call fails, as the worker must treat them: transient (network,
// timeouts, 5xx, throttling that outlasted our own waiting) is retried with backoff; a
// rejected request (userErrors, an invalid or unauthorised query) is recorded and not retried.

export class ShopifyTransientError extends Error {
  readonly name = "ShopifyTransientError";

  /**
   * @param notSent Shopify certainly did not carry the request out (it answered THROTTLED, or the
   *   connection was refused): what cannot be repeated safely may be sent again. Otherwise (a
   *   timeout, a 5xx, a lost answer) it may have been carried out.
   */
  constructor(
    message: string,
    readonly notSent = false,
  ) {
    super(message);
  }
}

export class ShopifyRejectedError extends Error {
  readonly name = "ShopifyRejectedError";
}
