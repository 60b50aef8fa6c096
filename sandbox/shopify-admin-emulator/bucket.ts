// Shopify's per-app-per-shop leaky bucket: a query may start only when the bucket holds its
// requested cost; afterwards the difference to the actual cost flows back. Time comes from the
// injected clock so tests can drain and refill it without sleeping.

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface BucketOptions {
  maximumAvailable?: number;
  restoreRate?: number;
}

export class LeakyBucket {
  readonly maximumAvailable: number;
  readonly restoreRate: number;
  private available: number;
  private refilledAt: number;

  constructor(
    options: BucketOptions,
    private readonly now: () => number,
  ) {
    this.maximumAvailable = options.maximumAvailable ?? 2000;
    this.restoreRate = options.restoreRate ?? 100;
    this.available = this.maximumAvailable;
    this.refilledAt = now();
  }

  private refill(): void {
    const at = this.now();
    this.available = Math.min(this.maximumAvailable, this.available + (Math.max(0, at - this.refilledAt) / 1000) * this.restoreRate);
    this.refilledAt = at;
  }

  /** Takes `cost` points if they are there; false (and nothing taken) when the caller is throttled. */
  tryTake(cost: number): boolean {
    this.refill();
    if (cost > this.available) return false;
    this.available -= cost;
    return true;
  }

  refund(points: number): void {
    this.refill();
    this.available = Math.min(this.maximumAvailable, this.available + points);
  }

  status(): ThrottleStatus {
    this.refill();
    return { maximumAvailable: this.maximumAvailable, currentlyAvailable: Math.floor(this.available), restoreRate: this.restoreRate };
  }
}
