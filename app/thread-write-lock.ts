// SQLite lets one connection write at a time. The HTTP thread and the worker thread each have a
// connection to the same file (decision 014); when one waits for the other, SQLite's busy handler
// sleeps inside a synchronous call, in steps of up to 100 ms, and on the HTTP thread that sleep
// stops the whole event loop: every webhook in flight waits, however short the worker's write.
// This lock, in memory both threads share, makes the wait asynchronous and wakes the waiter the
// moment the writer is done. The thread that serves webhooks goes first: while it waits, the
// other thread does not take the lock (decision 027).

/** The lock's two slots: who holds it (0: nobody, else the holder's thread id + 1), and how many first-served waiters there are. */
const HOLDER = 0;
const FIRST_WAITERS = 1;

export interface ThreadWriteLockOptions {
  /** Memory both threads see: `createThreadWriteLockMemory()` in one, passed to the other. */
  memory: SharedArrayBuffer;
  /** This thread's id (node:worker_threads' `threadId`). */
  threadId: number;
  /** Whether this thread goes first when both wait: the one that answers webhooks. */
  servedFirst: boolean;
}

export function createThreadWriteLockMemory(): SharedArrayBuffer {
  return new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
}

export class ThreadWriteLockTimeout extends Error {
  constructor(timeoutMs: number) {
    super(`the database's write lock was not free within ${timeoutMs} ms`);
    this.name = "ThreadWriteLockTimeout";
  }
}

export class ThreadWriteLock {
  readonly #slots: Int32Array;
  readonly #mark: number;
  readonly #servedFirst: boolean;

  constructor({ memory, threadId, servedFirst }: ThreadWriteLockOptions) {
    this.#slots = new Int32Array(memory);
    this.#mark = threadId + 1;
    this.#servedFirst = servedFirst;
  }

  /**
   * Resolves once this thread holds the lock; waiting never blocks the event loop. Rejects with
   * ThreadWriteLockTimeout after `timeoutMs`, as SQLite's busy timeout would have failed the write.
   */
  async acquire(timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    if (this.#servedFirst) Atomics.add(this.#slots, FIRST_WAITERS, 1);
    try {
      for (;;) {
        const firstWaiting = Atomics.load(this.#slots, FIRST_WAITERS);
        if (this.#servedFirst || firstWaiting === 0) {
          if (Atomics.compareExchange(this.#slots, HOLDER, 0, this.#mark) === 0) return;
        }
        const left = deadline - performance.now();
        if (left <= 0) throw new ThreadWriteLockTimeout(timeoutMs);
        const holder = Atomics.load(this.#slots, HOLDER);
        // Free but owed to the other thread: wait until it has taken it (the count changes); else until it is released.
        const waited =
          holder === 0
            ? Atomics.waitAsync(this.#slots, FIRST_WAITERS, firstWaiting, left)
            : Atomics.waitAsync(this.#slots, HOLDER, holder, left);
        if (waited.async) await waited.value;
      }
    } finally {
      if (this.#servedFirst) {
        Atomics.sub(this.#slots, FIRST_WAITERS, 1);
        Atomics.notify(this.#slots, FIRST_WAITERS);
      }
    }
  }

  release(): void {
    if (Atomics.compareExchange(this.#slots, HOLDER, this.#mark, 0) !== this.#mark) {
      throw new Error("thread write lock released by a thread that does not hold it");
    }
    Atomics.notify(this.#slots, HOLDER);
  }

  /** Whether this thread holds the lock (any of its callers). */
  heldHere(): boolean {
    return Atomics.load(this.#slots, HOLDER) === this.#mark;
  }

  /** For the thread that shares the memory: a thread that ended while holding the lock must not keep it. */
  releaseForEndedThread(threadId: number): void {
    if (Atomics.compareExchange(this.#slots, HOLDER, threadId + 1, 0) === threadId + 1) Atomics.notify(this.#slots, HOLDER);
  }
}
