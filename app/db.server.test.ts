// Two SQLite connections writing one file, as the HTTP thread and the worker thread do: a
// transaction that reads and then writes must not fail because the other connection committed
// in between (a deferred transaction does, with SQLITE_BUSY_SNAPSHOT, without waiting); the
// other connection waits for it instead. And while one thread writes, the other's write waits
// for the threads' write lock without stopping its event loop (decision 027).
import { describe, expect, it } from "vitest";
import { Worker } from "node:worker_threads";
import { once } from "node:events";
import { prisma, sqliteWriteLockMemory } from "./db.server";
import { uniqueShop } from "../tests/helpers/shopify";
import { ensureShop } from "./settings/shop-settings.server";

const url = process.env.DATABASE_URL ?? "";

/** Another thread with its own connection, writing the shop's tag prefix when told to. */
function otherConnection(shop: string) {
  const thread = new Worker(
    `const { parentPort, workerData } = require("node:worker_threads");
     const Database = require("better-sqlite3");
     const db = new Database(workerData.file, { timeout: 5000 });
     parentPort.on("message", () => {
       db.prepare('UPDATE "Shop" SET "tagPrefix" = ? WHERE "shop" = ?').run("other", workerData.shop);
       db.close();
       parentPort.postMessage("written");
     });
     parentPort.postMessage("ready");`,
    { eval: true, workerData: { file: url.replace(/^file:/, ""), shop } },
  );
  return thread;
}

describe.runIf(url.startsWith("file:"))("SQLite transactions across connections", () => {
  it("read then write while another connection writes meanwhile: no failure, the other waits its turn", async () => {
    const shop = uniqueShop("immediate");
    await ensureShop(shop);
    const thread = otherConnection(shop);
    await once(thread, "message");
    const written = once(thread, "message");
    await prisma.$transaction(async (tx) => {
      await tx.shop.findUnique({ where: { shop } });
      thread.postMessage("write");
      // Long enough for the other connection's write to commit, were it not made to wait.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await tx.shop.update({ where: { shop }, data: { tagPrefix: "mine" } });
    });
    await written;
    await thread.terminate();
    expect((await prisma.shop.findUnique({ where: { shop } }))?.tagPrefix).toBe("other");
  });

  it("a write while another thread holds the write lock waits for it without stopping this thread's event loop", async () => {
    const shop = uniqueShop("lock");
    await ensureShop(shop);
    // Another thread takes the threads' write lock as the worker thread would, writes, and holds
    // SQLite's write lock for 300 ms without yielding before it commits and lets go.
    const holder = new Worker(
      `const { parentPort, workerData } = require("node:worker_threads");
       const Database = require("better-sqlite3");
       const db = new Database(workerData.file, { timeout: 5000 });
       const slots = new Int32Array(workerData.memory);
       if (Atomics.compareExchange(slots, 0, 0, 1000) !== 0) throw new Error("lock not free");
       db.exec("BEGIN IMMEDIATE");
       db.prepare('UPDATE "Shop" SET "tagPrefix" = ? WHERE "shop" = ?').run("other", workerData.shop);
       parentPort.postMessage("holding");
       Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
       db.exec("COMMIT");
       db.close();
       Atomics.store(slots, 0, 0);
       Atomics.notify(slots, 0);`,
      { eval: true, workerData: { file: url.replace(/^file:/, ""), shop, memory: sqliteWriteLockMemory } },
    );
    await once(holder, "message");
    let ticks = 0;
    const ticking = setInterval(() => ticks++, 5);
    await prisma.shop.update({ where: { shop }, data: { tagPrefix: "mine" } });
    clearInterval(ticking);
    await once(holder, "exit");
    // SQLite's busy handler would have slept through the 300 ms inside the call, with no tick.
    expect(ticks).toBeGreaterThanOrEqual(10);
    expect((await prisma.shop.findUnique({ where: { shop } }))?.tagPrefix).toBe("mine");
  });
});
