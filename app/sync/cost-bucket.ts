// Shopify's leaky bucket for one shop, as the app last saw it. Every Admin API answer reports
// the bucket (extensions.cost.throttleStatus); between answers it refills at the restore rate.
// Requests reserve their expected cost before they are sent, so concurrent waybills of one
// shop share the budget and wait instead of being THROTTLED. Plain TypeScript, clock injected.

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export class CostBucket {
  private maximum: number;
  private available: number;
  private restoreRate: number;
  private observedAt: number;
  private reserved = 0;

  /** Until the first answer, assume Shopify's smallest bucket (1,000 points, 50 per second). */
  constructor(
    private readonly now: () => number,
    initial: ThrottleStatus = { maximumAvailable: 1000, currentlyAvailable: 1000, restoreRate: 50 },
  ) {
    this.maximum = initial.maximumAvailable;
    this.available = initial.currentlyAvailable;
    this.restoreRate = initial.restoreRate;
    this.observedAt = now();
  }

  private expectedAvailable(): number {
    const refilled = this.available + ((this.now() - this.observedAt) / 1000) * this.restoreRate;
    return Math.min(this.maximum, refilled) - this.reserved;
  }

  /** Milliseconds to wait before a request of `cost` points fits; 0 when it fits now. */
  delayFor(cost: number): number {
    const needed = Math.min(cost, this.maximum) - this.expectedAvailable();
    return needed <= 0 ? 0 : Math.ceil((needed / this.restoreRate) * 1000);
  }

  /** Takes `cost` points for a request about to be sent; true if they were there. */
  tryReserve(cost: number): boolean {
    if (this.delayFor(cost) > 0) return false;
    this.reserved += cost;
    return true;
  }

  /** The request is answered (or failed): give back its reservation and learn the real bucket. */
  settle(reservedCost: number, status: ThrottleStatus | null): void {
    this.reserved = Math.max(0, this.reserved - reservedCost);
    if (!status) return;
    this.maximum = status.maximumAvailable;
    this.available = status.currentlyAvailable;
    this.restoreRate = status.restoreRate;
    this.observedAt = this.now();
  }
}
