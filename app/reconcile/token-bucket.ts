// The bounded rate at which one shop's orders are asked of Wakilni's API: a token bucket that
// holds at most a minute's worth of requests and refills continuously, so a run after a quiet
// spell may send a short burst but never more than the merchant's rate on average. The bucket is
// a value (tokens left at an instant) kept in the Shop row, so every app instance draws on the
// same one (reconcile-store.server.ts takes a token by compare-and-set); this module is only its
// arithmetic. Pure: the caller passes the time.

/** Tokens left at `at` (milliseconds); `at` null: never used, the bucket is full. */
export interface TokenBucketState {
  tokens: number;
  at: number | null;
}

/** A bucket never used: full whatever the rate. */
export const FULL_BUCKET: TokenBucketState = { tokens: 0, at: null };

function checkRate(perMinute: number): void {
  if (!Number.isSafeInteger(perMinute) || perMinute < 1) throw new RangeError("perMinute must be a positive whole number");
}

/**
 * The tokens at `now` at `perMinute` requests a minute, at most a minute's worth (a lower rate
 * set since keeps only what fits). A clock behind `at` (another instance's) refills nothing.
 */
export function tokensAt(state: TokenBucketState, perMinute: number, now: number): number {
  checkRate(perMinute);
  if (state.at === null) return perMinute;
  const elapsed = Math.max(0, now - state.at);
  return Math.min(perMinute, state.tokens + (elapsed * perMinute) / 60_000);
}

/** Whole requests that may go now. */
export function availableTokens(state: TokenBucketState, perMinute: number, now: number): number {
  return Math.floor(tokensAt(state, perMinute, now));
}

/** The bucket after one request at `now`; null (nothing taken) when it holds no whole token. */
export function takeToken(state: TokenBucketState, perMinute: number, now: number): TokenBucketState | null {
  const tokens = tokensAt(state, perMinute, now);
  if (tokens < 1) return null;
  return { tokens: tokens - 1, at: Math.max(now, state.at ?? now) };
}

/** Milliseconds until one request may go (0: now). */
export function tokenWaitMs(state: TokenBucketState, perMinute: number, now: number): number {
  const tokens = tokensAt(state, perMinute, now);
  return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) * 60_000) / perMinute);
}
