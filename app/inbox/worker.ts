// Applies stored Wakilni events in the background. One waybill's events are applied by one
// worker at a time, in Wakilni's time order, under a lease that several app instances on one
// database respect; different waybills run in parallel up to a concurrency limit, shared
// fairly between shops (fair-share.ts). The worker only schedules: what an event does is the
// processor's business, where events live the store's. Plain TypeScript, with the clock and
// randomness injected.
import { timelineMessage, type TimelineMessage } from "../delivery/timeline-messages";
import type { WakilniEvent } from "../wakilni/event";
import { fairShare, type DueWaybill, type WorkLane } from "./fair-share";
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

/**
 * What happened to one event of a batch. The text is English, for the operator; `message` says
 * the same for the merchant, in their language (without one the pages show the text).
 */
export type EventResult = { message?: TimelineMessage } & (
  | { id: number; kind: "applied"; detail: string }
  | { id: number; kind: "parked"; reason: string }
  | { id: number; kind: "transient"; error: string }
  | { id: number; kind: "permanent"; error: string }
);

/** What the store must record for one event: its next state, and when to look at it again. */
export type EventUpdate = { message?: TimelineMessage } & (
  | { id: number; state: "applied"; detail: string }
  | { id: number; state: "failed" | "dead"; error: string }
  | { id: number; state: "received"; error: string; nextAttemptAt: Date }
  | { id: number; state: "parked"; reason: string; nextAttemptAt: Date; parkedSince: Date }
);

export interface InboxStore {
  /**
   * Waybills with an event due by `now` and no live lease: up to `perShop` of each shop, oldest
   * due first within a shop, every shop's first before any shop's second; `limit` in all.
   */
  dueWaybills(now: Date, limit: number, perShop: number): Promise<DueWaybill[]>;
  /** Takes the waybill's lease if it is free or expired; false when another worker holds it. */
  claim(key: WaybillKey, owner: string, now: Date, leaseMs: number): Promise<boolean>;
  /** The waybill's pending events in Wakilni time order, marked processing (the lease must be held). */
  startBatch(key: WaybillKey, owner: string, now: Date, limit: number): Promise<PendingEvent[]>;
  renew(key: WaybillKey, owner: string, now: Date, leaseMs: number): Promise<boolean>;
  /** Records the updates only if `owner` still holds the lease; false (nothing written) otherwise. */
  finish(key: WaybillKey, owner: string, updates: EventUpdate[], now: Date): Promise<boolean>;
  release(key: WaybillKey, owner: string): Promise<void>;
}

/**
 * Thrown by a processor when something in the batch was refused for a reason of its own — a
 * database refusing an event's text, Shopify a userError about its content — rather than because
 * a service is down. The worker then runs the events one at a time, so only the event at fault
 * fails (at once, not after the retry budget) and the waybill's other events go on.
 */
export class BatchRefusedError extends Error {
  readonly name = "BatchRefusedError";

  constructor(
    message: string,
    /** The refusal for the merchant, when the batch was a single event. */
    readonly reason?: TimelineMessage,
  ) {
    super(message);
  }
}

export interface WaybillProcessor {
  /** Applies a waybill's pending events (Wakilni time order); one result per event. */
  process(key: WaybillKey, events: PendingEvent[]): Promise<EventResult[]>;
  /**
   * Milliseconds until the shop's budget for this kind of work can take the waybill's first
   * request (0: now). The worker starts nothing of the shop before then and gives the slot to
   * another shop, instead of letting the waybill wait inside a slot.
   */
  budgetDelayMs?(shop: string, lane: WorkLane): number;
  /**
   * The retry policy gave up on these events of the waybill (now recorded dead): nothing will
   * apply them unless a person retries, so the processor may tell the merchant.
   */
  gaveUp?(key: WaybillKey, events: PendingEvent[]): Promise<void>;
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
  const message = result.message;
  switch (result.kind) {
    case "applied":
      return { id: event.id, state: "applied", detail: result.detail, message };
    case "permanent":
      return { id: event.id, state: "failed", error: result.error, message };
    case "transient": {
      const decision = afterTransientFailure(options.retry, attempts, now, options.random);
      return decision.retry
        ? { id: event.id, state: "received", error: result.error, nextAttemptAt: decision.at, message }
        : { id: event.id, state: "dead", error: result.error, message };
    }
    case "parked": {
      const parkedSince = event.parkedSince ?? now;
      return {
        message,
        id: event.id,
        state: "parked",
        reason: result.reason,
        parkedSince,
        nextAttemptAt: afterParking(options.retry, parkedSince, attempts, now, options.random),
      };
    }
  }
}

/**
 * A waybill's parked events are retried together (one order search for all of them), so they
 * share the first one's next attempt and the store writes them in one statement.
 */
function oneParkingTime(updates: EventUpdate[]): EventUpdate[] {
  const first = updates.find((update) => update.state === "parked");
  if (!first) return updates;
  return updates.map((update) => (update.state === "parked" ? { ...update, nextAttemptAt: first.nextAttemptAt } : update));
}

function waybillId(key: WaybillKey): string {
  return `${key.shop}\u0000${key.waybill}`;
}

/** A failure the processor did not classify: every event of the batch is retried with backoff. */
function allTransient(events: PendingEvent[], error: unknown): EventResult[] {
  const text = error instanceof Error ? error.message : String(error);
  const message = timelineMessage("temporaryFailure", { error: text });
  return events.map((event) => ({ id: event.id, kind: "transient", error: text, message }));
}

/** Events held back behind one not applied yet, so the waybill's events stay in order. */
function heldBack(events: PendingEvent[]): EventResult[] {
  const message = timelineMessage("waitingForEarlierEvent");
  return events.map((event) => ({ id: event.id, kind: "transient", error: "waiting for an earlier event of the waybill", message }));
}

export class InboxWorker {
  private readonly running = new Map<string, Promise<void>>();
  private readonly runningByShop = new Map<string, number>();
  /** The shop served last: the next round of the fair share starts after it. */
  private cursor: string | null = null;
  /** When a shop passed over for its budget may start, in ms from the last poll; null when none was. */
  private budgetWaitMs: number | null = null;
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
          this.timer = setTimeout(() => this.wake(), Math.min(this.options.pollMs, this.budgetWaitMs ?? Infinity));
        }
      });
  }

  /** Processes everything due now, then resolves; for scripts and tests that want a quiet inbox. */
  async drain(): Promise<void> {
    for (;;) {
      const started = await this.poll();
      await Promise.all(this.running.values());
      if (started > 0 || this.running.size > 0) continue;
      // Work is due but its shops' budgets are spent: it is still "due now", so wait for them.
      if (this.budgetWaitMs === null) return;
      await new Promise((resolve) => setTimeout(resolve, this.budgetWaitMs!));
    }
  }

  private async poll(): Promise<number> {
    const { store, concurrency, owner, leaseMs, processor } = this.options;
    const free = concurrency - this.running.size;
    if (free <= 0) return 0;
    let started = 0;
    try {
      const now = this.options.now();
      // Twice the slots per shop, as many again across shops: room for waybills other instances claim first.
      let due = (await store.dueWaybills(now, concurrency * 4, concurrency * 2)).filter((waybill) => !this.running.has(waybillId(waybill)));
      // A waybill another instance claimed first is dropped and the share decided again over the rest.
      for (let decided = 0; due.length > 0 && this.running.size < concurrency; decided += 1) {
        const decision = fairShare({
          due,
          running: this.runningByShop,
          concurrency,
          cursor: this.cursor,
          readyAt: (shop, lane) => now.getTime() + (processor.budgetDelayMs?.(shop, lane) ?? 0),
          now: now.getTime(),
        });
        this.cursor = decision.cursor;
        this.budgetWaitMs = decision.wakeAt === null ? null : Math.max(1, decision.wakeAt - now.getTime());
        if (decision.picks.length === 0) break;
        const tried = new Set(decision.picks.map(waybillId));
        for (const pick of decision.picks) {
          const key = { shop: pick.shop, waybill: pick.waybill };
          if (!(await store.claim(key, owner, now, leaseMs))) continue;
          started += 1;
          this.track(key);
        }
        due = due.filter((waybill) => !tried.has(waybillId(waybill)));
      }
    } catch (error) {
      this.options.onError?.(error);
    }
    return started;
  }

  private track(key: WaybillKey): void {
    const id = waybillId(key);
    this.runningByShop.set(key.shop, (this.runningByShop.get(key.shop) ?? 0) + 1);
    const task = this.runWaybill(key).finally(() => {
      this.running.delete(id);
      const held = (this.runningByShop.get(key.shop) ?? 1) - 1;
      if (held > 0) this.runningByShop.set(key.shop, held);
      else this.runningByShop.delete(key.shop);
      if (!this.stopped) this.wake();
    });
    this.running.set(id, task);
  }

  /** The processor's results; a batch it refused is taken apart (see BatchRefusedError). */
  private async processEvents(key: WaybillKey, events: PendingEvent[]): Promise<EventResult[]> {
    try {
      return await this.options.processor.process(key, events);
    } catch (error) {
      if (!(error instanceof BatchRefusedError)) return allTransient(events, error);
      if (events.length === 1) return [{ id: events[0].id, kind: "permanent", error: error.message, message: error.reason }];
      return this.processOneByOne(key, events);
    }
  }

  /**
   * Each event alone, in Wakilni time order. The batch may have reached Shopify before it was
   * refused, so each is marked previously attempted (the engine then checks what Shopify holds).
   * The first event that is not applied for a reason of its own (transient, parked) holds the
   * rest back with it, so the waybill's events are still applied in order.
   */
  private async processOneByOne(key: WaybillKey, events: PendingEvent[]): Promise<EventResult[]> {
    const results: EventResult[] = [];
    for (const [index, event] of events.entries()) {
      let result: EventResult;
      try {
        [result] = await this.options.processor.process(key, [{ ...event, previouslyAttempted: true }]);
      } catch (error) {
        if (!(error instanceof BatchRefusedError)) return [...results, ...allTransient(events.slice(index), error)];
        result = { id: event.id, kind: "permanent", error: error.message, message: error.reason };
      }
      results.push(result);
      if (result.kind === "transient" || result.kind === "parked") {
        return [...results, ...heldBack(events.slice(index + 1))];
      }
    }
    return results;
  }

  private async runWaybill(key: WaybillKey): Promise<void> {
    const { store, owner, leaseMs } = this.options;
    const renewEvery = Math.max(50, Math.floor(leaseMs / 3));
    const heartbeat = setInterval(() => {
      store.renew(key, owner, this.options.now(), leaseMs).catch((error) => this.options.onError?.(error));
    }, renewEvery);
    try {
      const events = await store.startBatch(key, owner, this.options.now(), this.options.batchLimit);
      if (events.length === 0) return;
      const results = await this.processEvents(key, events);
      const now = this.options.now();
      const byId = new Map(results.map((result) => [result.id, result]));
      const updates = oneParkingTime(
        events.map((event) =>
          updateFor(byId.get(event.id) ?? { id: event.id, kind: "transient", error: "not processed" }, event, this.options, now),
        ),
      );
      const finished = await store.finish(key, owner, updates, now);
      const dead = new Set(updates.filter((update) => update.state === "dead").map((update) => update.id));
      if (finished && dead.size > 0 && this.options.processor.gaveUp) {
        await this.options.processor.gaveUp(
          key,
          events.filter((event) => dead.has(event.id)),
        );
      }
    } catch (error) {
      this.options.onError?.(error);
    } finally {
      clearInterval(heartbeat);
      await store.release(key, owner).catch((error) => this.options.onError?.(error));
    }
  }
}
