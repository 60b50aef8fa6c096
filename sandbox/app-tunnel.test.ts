// The demo's tunnel in front of the production build: what the app answers is what the client
// gets, including the 413 the app sends before it has read an oversized upload.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "undici";
import { ensureBuild, freePort, startAppServer, type AppServer } from "./app-server";
import { startAppTunnel, type AppTunnel } from "./app-tunnel";
import { sendRaw } from "./raw-http";

const MB = 1024 * 1024;

let server: AppServer;
let tunnel: AppTunnel;
beforeAll(async () => {
  ensureBuild();
  server = await startAppServer({ port: await freePort(), adminApiOrigin: "http://127.0.0.1:9", env: { WORKER_ENABLED: "false" } });
  tunnel = await startAppTunnel({
    port: 0,
    target: server.url,
    adminFrameOrigin: "http://127.0.0.1:1",
    appBridgeUrl: "http://127.0.0.1:1/app-bridge.js",
  });
});
afterAll(async () => {
  await tunnel?.close();
  await server?.stop();
});

describe("the demo's tunnel", () => {
  it("passes the app's 413 for an oversized upload through, every time, instead of a 502", async () => {
    const statuses: (number | null)[] = [];
    for (let attempt = 0; attempt < 10; attempt += 1) {
      for (const body of [{ totalBytes: 20 * MB }, { declaredLength: 20 * MB, totalBytes: 20 * MB }]) {
        const answer = await sendRaw(tunnel.origin, { method: "POST", path: "/webhooks/app/uninstalled", headers: [], body });
        statuses.push(answer.status);
        expect(answer.body).toMatch(/must be at most \d+ bytes/);
      }
    }
    expect(statuses).toEqual(Array(20).fill(413));
  });

  it("passes it through to an ordinary HTTP client sending the whole body at once", async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const response = await request(`${tunnel.origin}/auth/login`, { method: "POST", body: Buffer.alloc(2 * MB, 0x61) });
      expect(response.statusCode).toBe(413);
      await response.body.dump();
    }
  });

  it("still forwards ordinary requests and their answers", async () => {
    const response = await request(`${tunnel.origin}/nowhere`);
    expect(response.statusCode).toBe(404);
    expect(await response.body.text()).toContain("There is no page at this address.");
  });
});
