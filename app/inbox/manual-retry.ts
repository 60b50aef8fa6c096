// What the merchant's Retry answers, shared by the server function that does it and the
// pages that show the answer. Which states may be retried: inbox-states.ts.
export type RetryResult = { ok: true } | { ok: false; reason: "not_found" | "not_retryable" };
