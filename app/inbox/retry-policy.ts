// When a failed or parked event is tried again. Transient failures back off exponentially
// with full jitter (so a Shopify outage does not end in a synchronized stampede) and die
// after a number of attempts; parked events (their order not found yet) are retried for a
// day, because the order may still be created, and then wait for a manual link.

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  parkBaseDelayMs: number;
  parkMaxDelayMs: number;
  parkWindowMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 10,
  baseDelayMs: 1_000,
  maxDelayMs: 5 * 60_000,
  parkBaseDelayMs: 60_000,
  parkMaxDelayMs: 60 * 60_000,
  parkWindowMs: 24 * 60 * 60_000,
};

/** A date far enough away to mean "not automatically": the event waits for a person. */
export const NEVER = new Date("9999-12-31T00:00:00.000Z");

export type RetryDecision = { retry: true; at: Date } | { retry: false };

/** `attempts` counts the attempt that just failed (1 after the first failure). */
export function afterTransientFailure(policy: RetryPolicy, attempts: number, now: Date, random: () => number): RetryDecision {
  if (attempts >= policy.maxAttempts) return { retry: false };
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempts - 1));
  return { retry: true, at: new Date(now.getTime() + Math.floor(random() * ceiling)) };
}

/** When to look for a parked event's order again; NEVER once the parking window is over. */
export function afterParking(policy: RetryPolicy, parkedSince: Date, attempts: number, now: Date, random: () => number): Date {
  const windowEnd = parkedSince.getTime() + policy.parkWindowMs;
  if (now.getTime() >= windowEnd) return NEVER;
  const ceiling = Math.min(policy.parkMaxDelayMs, policy.parkBaseDelayMs * 2 ** Math.max(0, attempts - 1));
  // Half fixed, half jitter: parked retries are few, but they should not all fire at once.
  const delay = ceiling / 2 + Math.floor((random() * ceiling) / 2);
  return new Date(Math.min(windowEnd, now.getTime() + delay));
}
