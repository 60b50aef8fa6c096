// The two ways a Shopify call fails, as the worker must treat them: transient (network,
// timeouts, 5xx, throttling that outlasted our own waiting) is retried with backoff; a
// rejected request (userErrors, an invalid or unauthorised query) is recorded and not retried.
import { timelineLogText, timelineMessage, type TimelineMessage } from "../delivery/timeline-messages";

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
  /** What the delivery's timeline says about it; the message itself is English, for logs and the inbox. */
  readonly reason: TimelineMessage;

  /** Shopify's own words (userErrors) as the message, or the app's reason for refusing. */
  constructor(cause: string | TimelineMessage) {
    super(typeof cause === "string" ? cause : timelineLogText(cause));
    this.reason = typeof cause === "string" ? timelineMessage("shopifyRefused", { error: cause }) : cause;
  }
}
