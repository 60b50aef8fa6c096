import { describe, expect, it } from "vitest";
import { Worker } from "node:worker_threads";
import { once } from "node:events";
import { ThreadWriteLock, ThreadWriteLockTimeout, createThreadWriteLockMemory } from "./thread-write-lock";

const WAIT_MS = 5000;

/** Two threads' views of one lock; the protocol only needs the memory and each side's id. */
function pair() {
  const memory = createThreadWriteLockMemory();
  return {
    memory,
    http: new ThreadWriteLock({ memory, threadId: 0, servedFirst: true }),
    worker: new ThreadWriteLock({ memory, threadId: 1, servedFirst: false }),
  };
}

/** Whether `promise` has settled once pending callbacks have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setTimeout(resolve, 20));
  return done;
}

describe("ThreadWriteLock", () => {
  it("is free at first, and held by the thread that took it", async () => {
    const { http, worker } = pair();
    await http.acquire(WAIT_MS);
    expect(http.heldHere()).toBe(true);
    expect(worker.heldHere()).toBe(false);
  });

  it.each([
    ["the other thread", "worker"],
    ["a second caller of the same thread", "http"],
  ] as const)("makes %s wait until it is released", async (_who, holderSide) => {
    const lock = pair();
    const holder = lock[holderSide];
    await holder.acquire(WAIT_MS);
    const waiting = lock.http.acquire(WAIT_MS);
    expect(await settled(waiting)).toBe(false);
    holder.release();
    await waiting;
    expect(lock.http.heldHere()).toBe(true);
  });

  it("serves the webhooks' thread first: the other does not take a lock it is owed", async () => {
    const { http, worker } = pair();
    await worker.acquire(WAIT_MS);
    const httpWaiting = http.acquire(WAIT_MS);
    const workerAgain = worker.acquire(WAIT_MS);
    worker.release();
    await httpWaiting;
    expect(await settled(workerAgain)).toBe(false);
    http.release();
    await workerAgain;
    expect(worker.heldHere()).toBe(true);
  });

  it("refuses a release by a thread that does not hold it, and changes nothing", async () => {
    const { http, worker } = pair();
    await worker.acquire(WAIT_MS);
    expect(() => http.release()).toThrow(/does not hold it/);
    expect(worker.heldHere()).toBe(true);
  });

  it("gives up after the time it was given, and leaves the lock with its holder", async () => {
    const { http, worker } = pair();
    await worker.acquire(WAIT_MS);
    await expect(http.acquire(50)).rejects.toBeInstanceOf(ThreadWriteLockTimeout);
    expect(worker.heldHere()).toBe(true);
    // Its place in line is given up too: the other thread may take the lock again once free.
    worker.release();
    await worker.acquire(WAIT_MS);
  });

  it("frees a lock whose holder ended, and wakes whoever waits", async () => {
    const { http, worker } = pair();
    await worker.acquire(WAIT_MS);
    const waiting = http.acquire(WAIT_MS);
    http.releaseForEndedThread(1);
    await waiting;
    expect(http.heldHere()).toBe(true);
    http.releaseForEndedThread(1);
    expect(http.heldHere()).toBe(true);
  });

  it("waits for a real thread without stopping this thread's event loop, and wakes when it lets go", async () => {
    const memory = createThreadWriteLockMemory();
    const lock = new ThreadWriteLock({ memory, threadId: 0, servedFirst: true });
    // Another thread takes the lock (id 7), sleeps 200 ms without yielding, then lets go.
    const holder = new Worker(
      `const { parentPort, workerData } = require("node:worker_threads");
       const slots = new Int32Array(workerData.memory);
       Atomics.compareExchange(slots, 0, 0, 8);
       parentPort.postMessage("holding");
       Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
       Atomics.store(slots, 0, 0);
       Atomics.notify(slots, 0);`,
      { eval: true, workerData: { memory } },
    );
    await once(holder, "message");
    let ticks = 0;
    const ticking = setInterval(() => ticks++, 5);
    await lock.acquire(WAIT_MS);
    clearInterval(ticking);
    await once(holder, "exit");
    expect(lock.heldHere()).toBe(true);
    expect(ticks).toBeGreaterThanOrEqual(10);
  });
});
