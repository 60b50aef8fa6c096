// Applies stored Wakilni events in the background. One waybill's events are applied by one
// worker at a time, in Wakilni's time order, under a lease that several app instances on one
// database respect; different waybills run in parallel up to a concurrency limit. The worker
// only schedules: what an event does is the processor's business, where events live the
// store's. Plain TypeScript, with the clock and randomness injected.
import type { WakilniEvent } from "../wakilni/event";
import { afterParking, afterTransientFailure, type RetryPolicy } from "./retry-policy";

export interface WaybillKey {
  shop: string;
  waybill: string;
}

export interface PendingEvent {
  id: number;
  attempts: number;
  parkedSince: Date | null;
  /** An earlier attempt may have reached Shopify unanswered (a retry, or a crashed worker's lease). */
  previouslyAttempted: boolean;
  /** The event as the webhook parsed and stored it; never parsed again. */
  wakilniEvent: WakilniEvent;
}

/** What happened to one event of a batch. */
export type EventResult =
  | { id: number; kind: "applied"; detail: string }
  | { id: number; kind: "parked"; reason: string }
  | { id: number; kind: "transient"; error: string }
  | { id: number; kind: "permanent"; error: string };

/** What the store must record for one event: its next state, and when to look at it again. */
export type EventUpdate =
  | { id: number; state: "applied"; detail: string }
  | { id: number; state: "failed" | "dead"; error: string }
  | { id: number; state: "received"; error: string; nextAttemptAt: Date }
  | { id: number; state: "parked"; reason: string; nextAttemptAt: Date; parkedSince: Date };

export interface InboxStore {
  /** Waybills with an event due by `now` and no live lease, oldest due first. */
  dueWaybills(now: Date, limit: number): Promise<WaybillKey[]>;
  /** Takes the waybill's lease if it is free or expired; false when another worker holds it. */
  claim(key: WaybillKey, owner: string, now: Date, leaseMs: number): Promise<boolean>;
  /** The waybill's pending events in Wakilni time order, marked processing (the lease must be held). */
  startBatch(key: WaybillKey, owner: string, now: Date, limit: number): Promise<PendingEvent[]>;
  renew(key: WaybillKey, owner: string, now: Date, leaseMs: number): Promise<boolean>;
  /** Records the updates only if `owner` still holds the lease; false (nothing written) otherwise. */
  finish(key: WaybillKey, owner: string, updates: EventUpdate[], now: Date): Promise<boolean>;
  release(key: WaybillKey, owner: string): Promise<void>;
}

export interface WaybillProcessor {
  /** Applies a waybill's pending events (Wakilni time order); one result per event. */
  process(key: WaybillKey, events: PendingEvent[]): Promise<EventResult[]>;
}

export interface WorkerOptions {
  store: InboxStore;
  processor: WaybillProcessor;
  owner: string;
  concurrency: number;
  leaseMs: number;
  pollMs: number;
  batchLimit: number;
  retry: RetryPolicy;
  now: () => Date;
  random: () => number;
  onError?: (error: unknown) => void;
}

export function updateFor(
  result: EventResult,
  event: PendingEvent,
  options: Pick<WorkerOptions, "retry" | "random">,
  now: Date,
): EventUpdate {
  const attempts = event.attempts + 1;
  switch (result.kind) {
    case "applied":
      return { id: event.id, state: "applied", detail: result.detail };
    case "permanent":
      return { id: event.id, state: "failed", error: result.error };
    case "transient": {
      const decision = afterTransientFailure(options.retry, attempts, now, options.random);
      return decision.retry
        ? { id: event.id, state: "received", error: result.error, nextAttemptAt: decision.at }
        : { id: event.id, state: "dead", error: result.error };
    }
    case "parked": {
      const parkedSince = event.parkedSince ?? now;
      return {
        id: event.id,
        state: "parked",
        reason: result.reason,
        parkedSince,
        nextAttemptAt: afterParking(options.retry, parkedSince, attempts, now, options.random),
      };
    }
  }
}

export class InboxWorker {
  private readonly running = new Map<string, Promise<void>>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;
  private polling: Promise<void> | null = null;
  private pollAgain = false;

  constructor(private readonly options: WorkerOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.wake();
  }

  /** Stops looking for work and waits for the waybills in hand to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.polling;
    await Promise.all(this.running.values());
  }

  /** New events arrived: look now instead of at the next poll. */
  wake(): void {
    if (this.stopped) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.polling = this.poll()
      .then(() => undefined)
      .finally(() => {
        this.polling = null;
        if (this.stopped) return;
        if (this.pollAgain) {
          this.pollAgain = false;
          this.wake();
        } else {
          this.timer = setTimeout(() => this.wake(), this.options.pollMs);
        }
      });
  }

  /** Processes everything due now, then resolves; for scripts and tests that want a quiet inbox. */
  async drain(): Promise<void> {
    for (;;) {
      const started = await this.poll();
      await Promise.all(this.running.values());
      if (started === 0 && this.running.size === 0) return;
    }
  }

  private async poll(): Promise<number> {
    const { store, concurrency, owner, leaseMs } = this.options;
    const free = concurrency - this.running.size;
    if (free <= 0) return 0;
    let started = 0;
    try {
      const now = this.options.now();
      const candidates = await store.dueWaybills(now, free * 2);
      for (const key of candidates) {
        if (started >= free) break;
        const id = `${key.shop}\u0000${key.waybill}`;
        if (this.running.has(id)) continue;
        if (!(await store.claim(key, owner, now, leaseMs))) continue;
        started += 1;
        const task = this.runWaybill(key).finally(() => {
          this.running.delete(id);
          if (!this.stopped) this.wake();
        });
        this.running.set(id, task);
      }
    } catch (error) {
      this.options.onError?.(error);
    }
    return started;
  }

  private async runWaybill(key: WaybillKey): Promise<void> {
    const { store, processor, owner, leaseMs } = this.options;
    const renewEvery = Math.max(50, Math.floor(leaseMs / 3));
    const heartbeat = setInterval(() => {
      store.renew(key, owner, this.options.now(), leaseMs).catch((error) => this.options.onError?.(error));
    }, renewEvery);
    try {
      const events = await store.startBatch(key, owner, this.options.now(), this.options.batchLimit);
      if (events.length === 0) return;
      let results: EventResult[];
      try {
        results = await processor.process(key, events);
      } catch (error) {
        // A processor that throws has failed in a way it did not classify: retry as transient.
        const message = error instanceof Error ? error.message : String(error);
        results = events.map((event) => ({ id: event.id, kind: "transient", error: message }));
      }
      const now = this.options.now();
      const byId = new Map(results.map((result) => [result.id, result]));
      const updates = events.map((event) =>
        updateFor(byId.get(event.id) ?? { id: event.id, kind: "transient", error: "not processed" }, event, this.options, now),
      );
      await store.finish(key, owner, updates, now);
    } catch (error) {
      this.options.onError?.(error);
    } finally {
      clearInterval(heartbeat);
      await store.release(key, owner).catch((error) => this.options.onError?.(error));
    }
  }
}
