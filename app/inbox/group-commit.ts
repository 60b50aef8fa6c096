// Group commit for the webhook path: deliveries that arrive while a commit is on its way to disk
// wait for it to finish and then go to disk together, in one transaction and one fsync, instead
// of each paying for its own. Each caller's promise settles only after the commit that holds its
// item, so a 200 still means "on disk". A batch the database refuses is taken apart and every
// item committed alone, so one poisonous row fails only its own request. Plain TypeScript: the
// commit itself is injected (inbox-store.server.ts's storeReceivedEvents in the app).
// docs/decisions/014-ingest-group-commit-and-worker-thread.md says why.

export interface GroupCommitOptions<Item, Result> {
  /** Commits every item in one transaction, one result per item in order; throws if it cannot. */
  commit(items: Item[]): Promise<Result[]>;
  /** The most items one transaction may carry. */
  maxBatch: number;
}

interface Waiting<Item, Result> {
  item: Item;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

export class GroupCommit<Item, Result> {
  #waiting: Waiting<Item, Result>[] = [];
  #committing = false;
  /** Transactions committed (or refused) and the items they carried: the batching the benchmarks report. */
  readonly stats = { transactions: 0, items: 0, batchesTakenApart: 0 };

  constructor(private readonly options: GroupCommitOptions<Item, Result>) {
    if (!Number.isSafeInteger(options.maxBatch) || options.maxBatch < 1) throw new RangeError("maxBatch must be a positive whole number");
  }

  /** Items waiting for a commit, the one under way excluded. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** Resolves with the item's result once the transaction that holds it is committed. */
  submit(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.#waiting.push({ item, resolve, reject });
      if (this.#committing) return;
      this.#committing = true;
      // After the I/O callbacks of this turn of the event loop: every request whose body is
      // already here joins the first transaction, and no timer adds latency when it is quiet.
      setImmediate(() => void this.#drain());
    });
  }

  async #drain(): Promise<void> {
    try {
      while (this.#waiting.length > 0) await this.#commitBatch(this.#waiting.splice(0, this.options.maxBatch));
    } finally {
      this.#committing = false;
    }
  }

  async #commitBatch(batch: Waiting<Item, Result>[]): Promise<void> {
    let results: Result[];
    try {
      results = await this.#commit(batch.map((waiting) => waiting.item));
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      // Which item the database refused is not known: each goes again, alone.
      this.stats.batchesTakenApart += 1;
      for (const waiting of batch) await this.#commitBatch([waiting]);
      return;
    }
    batch.forEach((waiting, index) => waiting.resolve(results[index]));
  }

  async #commit(items: Item[]): Promise<Result[]> {
    this.stats.transactions += 1;
    this.stats.items += items.length;
    const results = await this.options.commit(items);
    if (results.length !== items.length) throw new Error(`the commit returned ${results.length} results for ${items.length} items`);
    return results;
  }
}
