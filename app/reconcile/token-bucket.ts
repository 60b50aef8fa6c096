// The bounded rate at which one shop's orders are asked of Wakilni's API: a token bucket that
// holds at most a minute's worth of requests and refills continuously, so a run after a quiet
// spell may send a minute's worth but never more than the merchant's rate on average, and no two
// takes closer than TAKE_SPACING_MS, so that minute's worth goes out at a per-second cap rather
// than back to back. The bucket is a value (tokens left at the last take) kept in the Shop row, so
// every app instance draws on the same one and keeps the same spacing (reconcile-store.server.ts
// takes a token by compare-and-set); this module is only its arithmetic. Pure: the caller passes
// the time. docs/decisions/021-reconciliation.md and 029-reconcile-per-second-cap.md say why.

/**
 * Takes a second at most, however full the bucket. Wakilni answers a burst past an account's limit
 * with 429s (decision 020 guesses 10 a second, the emulator plays it), and a full bucket used to go
 * out back to back. Ten a second is also the highest per-minute setting sustained (600 a minute,
 * RECONCILE_PER_MINUTE in app/settings/delivery-settings-form.ts): the cap is never below the rate a
 * merchant chose, it only spreads the bursts (the most a bucket holds, 600, over a minute).
 */
export const MAX_TAKES_PER_SECOND = 10;

/** The least time between two takes, evenly spaced rather than a second's worth at once: a burst never meets the limit early. */
export const TAKE_SPACING_MS = 1000 / MAX_TAKES_PER_SECOND;

/** Tokens left at `at` (milliseconds), the instant of the last take; `at` null: never used, the bucket is full. */
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

/** Milliseconds until the bucket holds a whole token (0: it does), spacing aside. */
export function tokenWaitMs(state: TokenBucketState, perMinute: number, now: number): number {
  const tokens = tokensAt(state, perMinute, now);
  return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) * 60_000) / perMinute);
}

/**
 * Milliseconds until the spacing after the last take has passed (0: it has). A clock behind the
 * last take (another instance's) waits for that instant too: it cannot tell how long ago it was.
 */
function spacingWaitMs(state: TokenBucketState, now: number): number {
  return state.at === null ? 0 : Math.max(0, state.at + TAKE_SPACING_MS - now);
}

/** Milliseconds until a take may succeed: a whole token and the spacing both (0: now). */
export function takeWaitMs(state: TokenBucketState, perMinute: number, now: number): number {
  return Math.max(tokenWaitMs(state, perMinute, now), spacingWaitMs(state, now));
}

/** The bucket after one request at `now`; null (nothing taken) when it holds no whole token or the spacing has not passed. */
export function takeToken(state: TokenBucketState, perMinute: number, now: number): TokenBucketState | null {
  const tokens = tokensAt(state, perMinute, now);
  if (tokens < 1 || spacingWaitMs(state, now) > 0) return null;
  return { tokens: tokens - 1, at: now };
}
