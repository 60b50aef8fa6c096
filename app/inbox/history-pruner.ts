// Retention, run beside the worker: the raw bodies and transitions of final events older than the
// retention period are removed in small batches (one short transaction each, a pause between them),
// so the inbox stops growing without end and no batch holds the database long enough to delay a
// webhook. Deliveries, timelines and the events' columns stay. Plain TypeScript: the store is a port.

export interface HistoryPruningStore {
  /** Prunes up to `limit` events finished before `before`; returns how many. */
  prune(before: Date, now: Date, limit: number): Promise<number>;
}

export interface HistoryPrunerOptions {
  store: HistoryPruningStore;
  retentionDays: number;
  /** Events per transaction. */
  batchSize: number;
  /** The pause between two runs, and between two batches of one run (a tenth of it). */
  intervalMs: number;
  now: () => Date;
  onError: (error: unknown) => void;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** One run never prunes more than this many batches: a huge backlog is worked off over several runs. */
const MAX_BATCHES_PER_RUN = 100;

export class HistoryPruner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;

  constructor(private readonly options: HistoryPrunerOptions) {}

  /** One run: batches until one comes back short. Returns how many events it pruned. */
  async runOnce(): Promise<number> {
    const { store, retentionDays, batchSize, intervalMs, now } = this.options;
    let total = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
      const at = now();
      const pruned = await store.prune(new Date(at.getTime() - retentionDays * DAY_MS), at, batchSize);
      total += pruned;
      if (pruned < batchSize || this.stopped) break;
      await new Promise((resolve) => setTimeout(resolve, intervalMs / 10));
    }
    return total;
  }

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => 0);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce();
      this.running.catch(this.options.onError).finally(() => {
        this.running = null;
        this.schedule();
      });
    }, this.options.intervalMs);
    this.timer.unref();
  }
}
