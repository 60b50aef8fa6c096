// The bounded rate at which one shop's orders are asked of Wakilni's API: a token bucket that
// holds at most a minute's worth of requests and refills continuously, so a run after a quiet
// spell may send a short burst but never more than the merchant's rate on average. Pure: the
// caller passes the time.

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  /** `perMinute` requests a minute on average, at most `perMinute` at once; starts full at `now`. */
  constructor(
    private perMinute: number,
    now: number,
  ) {
    if (!Number.isSafeInteger(perMinute) || perMinute < 1) throw new RangeError("perMinute must be a positive whole number");
    this.tokens = perMinute;
    this.updatedAt = now;
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.updatedAt);
    this.tokens = Math.min(this.perMinute, this.tokens + (elapsed * this.perMinute) / 60_000);
    this.updatedAt = Math.max(this.updatedAt, now);
  }

  /** A new rate from the settings; the tokens already saved are kept, up to the new size. */
  setRate(perMinute: number, now: number): void {
    if (perMinute === this.perMinute) return;
    this.refill(now);
    this.perMinute = perMinute;
    this.tokens = Math.min(this.tokens, perMinute);
  }

  /** Whole requests that may go now. */
  available(now: number): number {
    this.refill(now);
    return Math.floor(this.tokens);
  }

  /** Takes one token; false (nothing taken) when the bucket has none. */
  take(now: number): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until one request may go (0: now). */
  waitMs(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * 60_000) / this.perMinute);
  }
}
