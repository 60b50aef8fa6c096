// The reconciliation job: webhooks get lost (an outage on either side, a URL pasted wrong for a
// day, a retry policy that gives up), so the deliveries still on their way that have been silent
// for longer than the shop's setting are asked of Wakilni's API, and what the inbox lacks is fed
// into it (refresh.server.ts). It runs beside the inbox worker and borrows its machinery: a
// shop's run holds a lease (one app instance per shop at a time), the shops with work share the
// job's slots by the worker's fair share, a shop's requests are bounded by its token bucket (a
// minute's worth at most, spaced by a per-second cap that the run pauses for), transient failures
// back off by the worker's retry policy, and a refusal stops the shop until a connection check
// passes again. Plain TypeScript: the store and the refresher are ports, the clock, the pauses and
// randomness injected. docs/decisions/021-reconciliation.md and 029-reconcile-per-second-cap.md say why.
import type { WakilniApiFailure } from "../wakilni/api/wakilni-api";
import { isTransientWakilniFailure } from "../wakilni/api/wakilni-api";
import { fairShare } from "../inbox/fair-share";
import { afterTransientFailure, type RetryPolicy } from "../inbox/retry-policy";
import { TAKE_SPACING_MS, availableTokens, tokenWaitMs, type TokenBucketState } from "./token-bucket";

/** A shop the job may work for now (switched on, connection checked, no refusal since, not backing off). */
export interface ReconcileShop {
  shop: string;
  silentHours: number;
  perMinute: number;
  /** The shop's token bucket as read with the shop (shared by all instances; each take re-checks it). */
  bucket: TokenBucketState;
  /** Transient failures in a row so far. */
  failures: number;
}

/** What asking Wakilni about one delivery came to. */
export type RefreshResult = { ok: true; newChanges: number } | { ok: false; failure: WakilniApiFailure };

/** One run of one shop, as the home page shows it. */
export interface ReconcileRun {
  at: Date;
  /** Deliveries asked about (not found at Wakilni included). */
  checked: number;
  /** Deliveries for which Wakilni knew changes the inbox did not have. */
  healed: number;
  /** Why the run stopped early (refused, or a transient failure), or the last answer it could not read; null when all went well. */
  failure: WakilniApiFailure | null;
  /** Transient failures in a row after this run (0 after a run that did not fail). */
  failures: number;
  /** When the shop may run again after a transient failure; null when it need not wait. */
  retryAt: Date | null;
  /** The credentials were refused: no run until a connection check passes after this. */
  refused: boolean;
}

/** A take from the shop's bucket: a token, or how long until one may be taken (null: none to wait for, such as an unknown shop). */
export type TokenTake = { taken: true } | { taken: false; waitMs: number | null };

export interface ReconcileStore {
  dueShops(now: Date): Promise<ReconcileShop[]>;
  /** The shop's waybills not in a final status, silent and not asked about since `silentSince`, longest silent first. */
  silentWaybills(shop: string, silentSince: Date, limit: number): Promise<string[]>;
  /** Takes one token from the shop's bucket, which every instance shares, if it holds one and the spacing since the last take has passed. */
  takeToken(shop: string, perMinute: number, now: Date): Promise<TokenTake>;
  /** Takes the shop's reconciliation lease (free or expired); false when another instance holds it. */
  claim(shop: string, owner: string, now: Date, leaseMs: number): Promise<boolean>;
  release(shop: string, owner: string): Promise<void>;
  recordRun(shop: string, run: ReconcileRun): Promise<void>;
}

export interface ReconcileJobOptions {
  store: ReconcileStore;
  refresh(shop: string, waybill: string, now: Date): Promise<RefreshResult>;
  /** Changes were fed into the inbox: the worker should look now. */
  wake(): void;
  owner: string;
  /** Shops reconciled at the same time. */
  concurrency: number;
  leaseMs: number;
  /** The pause between two runs. */
  intervalMs: number;
  retry: RetryPolicy;
  now: () => Date;
  /** Waits `ms` on the clock `now` reads: the run's pause between two look-ups. */
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  onError?: (error: unknown) => void;
}

const HOUR_MS = 3_600_000;
/**
 * The shop's lease among the worker's waybill leases. Waybills arrive trimmed (app/wakilni/payload.ts),
 * so none starts with a space: no event ever waits on this lease. (Not a NUL: PostgreSQL text refuses it.)
 */
export const RECONCILE_LEASE_WAYBILL = " reconciliation";

/** A refusal, or Wakilni or the network failing: the shop's other orders would fare no better now. */
function stopsTheRun(failure: WakilniApiFailure): boolean {
  return failure.kind === "refused" || isTransientWakilniFailure(failure);
}

export class ReconcileJob {
  private readonly running = new Map<string, number>();
  private cursor: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private current: Promise<void> | null = null;
  private started = false;
  /** Set by stop(): a run in hand asks nothing more and ends. */
  private stopping = false;

  constructor(private readonly options: ReconcileJobOptions) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    this.stopping = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.started = false;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.current;
  }

  private schedule(delayMs: number): void {
    if (!this.started) return;
    this.timer = setTimeout(() => {
      this.current = this.runOnce()
        .then(() => undefined, this.options.onError)
        .finally(() => {
          this.current = null;
          this.schedule(this.options.intervalMs);
        });
    }, delayMs);
    this.timer.unref?.();
  }

  /** Milliseconds until the shop's bucket, as read with the shop, holds a token. */
  private waitMs(shop: ReconcileShop, now: number): number {
    return tokenWaitMs(shop.bucket, shop.perMinute, now);
  }

  /** One round over the due shops, at most `concurrency` at a time, fair between them; resolves when all are done. */
  async runOnce(): Promise<(ReconcileRun & { shop: string })[]> {
    const now = this.options.now();
    const shops = await this.options.store.dueShops(now);
    const byShop = new Map(shops.map((shop) => [shop.shop, shop]));
    let due = shops.map((shop) => ({ shop: shop.shop, waybill: RECONCILE_LEASE_WAYBILL, parked: false }));
    const runs: (ReconcileRun & { shop: string })[] = [];
    const tasks = new Set<Promise<void>>();
    while (due.length > 0) {
      const decision = fairShare({
        due,
        running: this.running,
        concurrency: this.options.concurrency,
        cursor: this.cursor,
        readyAt: (shop) => now.getTime() + this.waitMs(byShop.get(shop)!, now.getTime()),
        now: now.getTime(),
      });
      this.cursor = decision.cursor;
      // Shops whose bucket is empty wait for the next round; the others wait for a free slot.
      const picked = new Set(decision.picks.map((pick) => pick.shop));
      due = due.filter((entry) => !picked.has(entry.shop) && this.waitMs(byShop.get(entry.shop)!, now.getTime()) === 0);
      for (const pick of decision.picks) {
        this.running.set(pick.shop, 1);
        const task: Promise<void> = this.runShop(byShop.get(pick.shop)!)
          .then((run) => void (run && runs.push({ shop: pick.shop, ...run })), this.options.onError)
          .finally(() => {
            this.running.delete(pick.shop);
            tasks.delete(task);
          });
        tasks.add(task);
      }
      if (decision.picks.length === 0 && tasks.size === 0) break;
      if (tasks.size > 0) await Promise.race(tasks);
    }
    await Promise.all(tasks);
    return runs;
  }

  /** One shop's run under its lease: null when another instance holds the shop. */
  private async runShop(shop: ReconcileShop): Promise<ReconcileRun | null> {
    const { store, owner, leaseMs } = this.options;
    const start = this.options.now();
    if (!(await store.claim(shop.shop, owner, start, leaseMs))) return null;
    try {
      const silentSince = new Date(start.getTime() - shop.silentHours * HOUR_MS);
      const limit = availableTokens(shop.bucket, shop.perMinute, start.getTime());
      const waybills = await store.silentWaybills(shop.shop, silentSince, limit);
      let checked = 0;
      let healed = 0;
      let failure: WakilniApiFailure | null = null;
      // The lease is not renewed, and the spacing makes a full bucket's run long (600 take a minute):
      // no look-up starts after half the lease, the rest waits for the next run.
      const lastLookUpBefore = start.getTime() + leaseMs / 2;
      for (const waybill of waybills) {
        if (!(await this.takeForLookUp(shop, lastLookUpBefore))) break;
        const result = await this.options.refresh(shop.shop, waybill, this.options.now());
        if (!result.ok && stopsTheRun(result.failure)) {
          failure = result.failure;
          break;
        }
        // Not found, or an answer about this order the app cannot read: the others may still be fine.
        if (!result.ok && result.failure.kind === "unexpected_answer") failure = result.failure;
        checked += 1;
        if (result.ok && result.newChanges > 0) {
          healed += 1;
          this.options.wake();
        }
      }
      const run = this.outcome(shop, { checked, healed, failure });
      await store.recordRun(shop.shop, run);
      return run;
    } finally {
      await store.release(shop.shop, owner).catch((error) => this.options.onError?.(error));
    }
  }

  /**
   * A token for the next look-up, after the pause the per-second spacing asks for; false when the
   * job is stopping, `before` (milliseconds) has come, or the bucket holds no token until a later run.
   */
  private async takeForLookUp(shop: ReconcileShop, before: number): Promise<boolean> {
    for (;;) {
      if (this.stopping || this.options.now().getTime() >= before) return false;
      const take = await this.options.store.takeToken(shop.shop, shop.perMinute, this.options.now());
      if (take.taken) return true;
      if (take.waitMs === null || take.waitMs > TAKE_SPACING_MS) return false;
      await this.options.sleep(take.waitMs);
    }
  }

  private outcome(shop: ReconcileShop, done: Pick<ReconcileRun, "checked" | "healed" | "failure">): ReconcileRun {
    const at = this.options.now();
    const { failure } = done;
    if (failure === null || !stopsTheRun(failure)) return { ...done, at, failures: 0, retryAt: null, refused: false };
    if (failure.kind === "refused") return { ...done, at, failures: shop.failures + 1, retryAt: null, refused: true };
    const failures = shop.failures + 1;
    const decision = afterTransientFailure(
      this.options.retry,
      Math.min(failures, this.options.retry.maxAttempts - 1),
      at,
      this.options.random,
    );
    let retryAt = decision.retry ? decision.at : new Date(at.getTime() + this.options.retry.maxDelayMs);
    if (failure.kind === "rate_limited" && failure.retryAfterSeconds !== null) {
      retryAt = new Date(Math.max(retryAt.getTime(), at.getTime() + failure.retryAfterSeconds * 1000));
    }
    return { ...done, at, failures, retryAt, refused: false };
  }
}
