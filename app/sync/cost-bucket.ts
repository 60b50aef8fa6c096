// Shopify's leaky bucket for one shop, as the app last saw it. Every Admin API answer reports
// the bucket (extensions.cost.throttleStatus); between answers it refills at the restore rate.
// Requests reserve their expected cost before they are sent, so concurrent waybills of one
// shop share the budget and wait instead of being THROTTLED. Parked waybills' retries (searches
// for an order that was not there yet) draw on an allowance of their own as well, a fixed share
// of the restore rate, so they never take more than that share of the shop's budget from live
// events. A merchant's click (resolve, link, unlink, the order picker) goes first: while one
// waits for the bucket, the worker's lanes leave its points alone, so an action answers in the
// time one request takes to fit instead of queueing behind a backlog. Plain TypeScript, clock injected.

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}
import type { WorkLane } from "../inbox/fair-share";

/** Whose request draws on the shop's budget: the worker's lanes, or a merchant's action (first). */
export type BudgetLane = WorkLane | "merchant";

/** The share of a shop's budget parked retries may use. */
export const PARKED_BUDGET_SHARE = 0.1;

export class CostBucket {
  private maximum: number;
  private available: number;
  private restoreRate: number;
  private observedAt: number;
  private reserved = 0;
  private parkedAllowance: number;
  private parkedObservedAt: number;
  private parkedReserved = 0;
  /** Points of merchant requests waiting for the bucket: kept from the worker's lanes. */
  private merchantWaiting = 0;

  /** Until the first answer, assume Shopify's smallest bucket (1,000 points, 50 per second). */
  constructor(
    private readonly now: () => number,
    initial: ThrottleStatus = { maximumAvailable: 1000, currentlyAvailable: 1000, restoreRate: 50 },
    private readonly parkedShare = PARKED_BUDGET_SHARE,
  ) {
    this.maximum = initial.maximumAvailable;
    this.available = initial.currentlyAvailable;
    this.restoreRate = initial.restoreRate;
    this.observedAt = now();
    this.parkedAllowance = this.parkedMaximum();
    this.parkedObservedAt = this.observedAt;
  }

  private expectedAvailable(): number {
    const refilled = this.available + ((this.now() - this.observedAt) / 1000) * this.restoreRate;
    return Math.min(this.maximum, refilled) - this.reserved;
  }

  private parkedMaximum(): number {
    return this.maximum * this.parkedShare;
  }

  private parkedRate(): number {
    return this.restoreRate * this.parkedShare;
  }

  private parkedRefilled(): number {
    const elapsed = (this.now() - this.parkedObservedAt) / 1000;
    return Math.min(this.parkedMaximum(), this.parkedAllowance + elapsed * this.parkedRate());
  }

  /** Milliseconds to wait before a request of `cost` points fits; 0 when it fits now. */
  delayFor(cost: number, lane: BudgetLane = "live"): number {
    const heldForMerchant = lane === "merchant" ? 0 : this.merchantWaiting;
    const needed = Math.min(cost, this.maximum) + heldForMerchant - this.expectedAvailable();
    const delay = needed <= 0 ? 0 : Math.ceil((needed / this.restoreRate) * 1000);
    if (lane !== "parked") return delay;
    const parkedNeeded = Math.min(cost, this.parkedMaximum()) - (this.parkedRefilled() - this.parkedReserved);
    return Math.max(delay, parkedNeeded <= 0 ? 0 : Math.ceil((parkedNeeded / this.parkedRate()) * 1000));
  }

  /** Takes `cost` points for a request about to be sent; true if they were there. */
  tryReserve(cost: number, lane: BudgetLane = "live"): boolean {
    if (this.delayFor(cost, lane) > 0) return false;
    this.reserved += cost;
    if (lane === "parked") this.parkedReserved += cost;
    return true;
  }

  /**
   * A merchant's request of `cost` points waits for the bucket: until the returned function is
   * called, the worker's lanes see those points as taken.
   */
  holdForMerchant(cost: number): () => void {
    const held = Math.min(cost, this.maximum);
    this.merchantWaiting += held;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.merchantWaiting = Math.max(0, this.merchantWaiting - held);
    };
  }

  /**
   * The request is answered (or failed): give back its reservation and learn the real bucket;
   * a parked retry's allowance is charged what Shopify charged (`spent`).
   */
  settle(reservedCost: number, status: ThrottleStatus | null, lane: BudgetLane = "live", spent = 0): void {
    this.reserved = Math.max(0, this.reserved - reservedCost);
    if (lane === "parked") {
      this.parkedAllowance = this.parkedRefilled() - spent;
      this.parkedObservedAt = this.now();
      this.parkedReserved = Math.max(0, this.parkedReserved - reservedCost);
    }
    if (!status) return;
    this.maximum = status.maximumAvailable;
    this.available = status.currentlyAvailable;
    this.restoreRate = status.restoreRate;
    this.observedAt = this.now();
  }
}
