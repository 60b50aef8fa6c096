// Which inbox events the merchant may send back to the worker, shared by the server function
// that does it and the pages that offer the button.
export const RETRYABLE_STATES = ["failed", "dead", "parked"] as const;

export type RetryResult = { ok: true } | { ok: false; reason: "not_found" | "not_retryable" };

export function isRetryable(state: string): boolean {
  return (RETRYABLE_STATES as readonly string[]).includes(state);
}
