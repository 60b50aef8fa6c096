// The probes over real HTTP on loopback, against the test's migrated database: the answers a load
// balancer gets, that they carry no data, and that nothing reaches the app behind them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { prisma } from "../db.server";
import { createAppHttpServer } from "./app-http-server.server";

let server: Server;
let base: string;
let appRequests = 0;

beforeAll(async () => {
  server = createAppHttpServer((_, response) => {
    appRequests += 1;
    response.end("app");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("health probes", () => {
  it("/healthz says the process answers", async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("/readyz is ready with the database migrated and no worker on this instance", async () => {
    const response = await fetch(`${base}/readyz?probe=1`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", checks: { database: "ok", migrations: "ok", worker: "disabled" } });
  });

  it("/readyz is not ready while a migration this build ships is missing from the database", async () => {
    const [latest] = await prisma.$queryRawUnsafe<{ migration_name: string }[]>(
      "SELECT migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1",
    );
    await prisma.$executeRawUnsafe(
      `UPDATE _prisma_migrations SET migration_name = 'x' || migration_name WHERE migration_name = '${latest.migration_name}'`,
    );
    try {
      // A fresh module state: the probe remembers once it has seen every migration applied.
      const { vi } = await import("vitest");
      vi.resetModules();
      const fresh = await import("./app-http-server.server");
      const probeServer = fresh.createAppHttpServer((_, response) => response.end());
      await new Promise<void>((resolve) => probeServer.listen(0, "127.0.0.1", resolve));
      const response = await fetch(`http://127.0.0.1:${(probeServer.address() as AddressInfo).port}/readyz`);
      await new Promise<void>((resolve) => probeServer.close(() => resolve()));
      expect(response.status).toBe(503);
      expect((await response.json()).checks.migrations).toBe("failing");
    } finally {
      await prisma.$executeRawUnsafe(
        `UPDATE _prisma_migrations SET migration_name = '${latest.migration_name}' WHERE migration_name = 'x${latest.migration_name}'`,
      );
    }
  });

  it("answers HEAD without a body and refuses other methods", async () => {
    expect((await fetch(`${base}/healthz`, { method: "HEAD" })).status).toBe(200);
    const post = await fetch(`${base}/readyz`, { method: "POST", body: "x" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });

  it("never passes a probe to the app, and passes everything else", async () => {
    const before = appRequests;
    await fetch(`${base}/healthz`);
    await fetch(`${base}/readyz`);
    expect(appRequests).toBe(before);
    expect(await (await fetch(`${base}/healthzzz`)).text()).toBe("app");
  });
});
