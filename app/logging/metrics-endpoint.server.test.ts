// GET /metrics over real HTTP on loopback, as Prometheus scrapes it: no route without
// METRICS_TOKEN, 401 without the right bearer token, and figures that move when a signed webhook
// is accepted and the worker (wired as the app wires it) applies and parks events against the
// Shopify Admin emulator.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { AddressInfo } from "node:net";
import type { RequestListener, Server } from "node:http";
import { prisma } from "../db.server";
import { saveWakilniCredentials } from "../settings/shop-settings.server";
import { wakilniWebhookPath } from "../inbox/wakilni-webhook-path";
import { postWakilniEvent, specPayload } from "../../sandbox/wakilni-sender";
import { startEmulator, stopEmulator, syncShop } from "../../tests/helpers/sync-harness";
import { createAppHttpServer } from "../http/app-http-server.server";
import { INBOX_GAUGES_CACHE_MS } from "./inbox-gauges.server";
import { SLOT_GAUGE_TOP_SHOPS, observe } from "./metrics.server";

const TOKEN = vi.hoisted(() => {
  const token = "metrics-test-token-0123456789abcdef";
  process.env.METRICS_TOKEN = token;
  return token;
});

/** What answers when nothing ahead of the app does: Remix's 404, here a stand-in saying so. */
const app: RequestListener = (_, response) => {
  response.statusCode = 404;
  response.end("no page here");
};

async function listening(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let server: Server;
let base: string;

beforeAll(async () => {
  await startEmulator();
  server = createAppHttpServer(app);
  base = await listening(server);
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await stopEmulator();
  delete process.env.METRICS_TOKEN;
});

const scrape = (headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) => fetch(`${base}/metrics`, { headers });

/** The sample's value in Prometheus text (0 when the series is absent), by its name and labels as written. */
function sample(text: string, series: string): number {
  const line = text.split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

async function figures(): Promise<string> {
  const response = await scrape();
  expect(response.status).toBe(200);
  return response.text();
}

describe("GET /metrics", () => {
  it("does not exist when METRICS_TOKEN is unset: the request reaches the app, which has no such page", async () => {
    const token = process.env.METRICS_TOKEN;
    delete process.env.METRICS_TOKEN;
    vi.resetModules();
    try {
      const fresh = await import("../http/app-http-server.server");
      const unset = fresh.createAppHttpServer(app);
      const response = await fetch(`${await listening(unset)}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      await new Promise<void>((resolve) => unset.close(() => resolve()));
      expect(response.status).toBe(404);
      expect(await response.text()).toBe("no page here");
    } finally {
      process.env.METRICS_TOKEN = token;
    }
  });

  it("answers 401 without the bearer token, with a wrong one, or with it in another scheme", async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: "Bearer wrong-token-0123456789abcdef" },
      { authorization: `Basic ${TOKEN}` },
    ];
    for (const headers of attempts) {
      const response = await scrape(headers);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
      expect(await response.text()).not.toContain("wakilni_");
    }
  });

  it("refuses other methods", async () => {
    const response = await fetch(`${base}/metrics`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(405);
    await response.arrayBuffer();
  });

  it("serves the figures in Prometheus's text format to the right token, with a request id", async () => {
    const response = await scrape();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const text = await response.text();
    for (const name of [
      "wakilni_webhooks_total",
      "wakilni_webhook_duration_seconds",
      "wakilni_events_total",
      "wakilni_shopify_requests_total",
      "wakilni_shopify_cost_points_total",
      "wakilni_worker_slots_busy",
      "wakilni_inbox_events",
      "wakilni_inbox_oldest_due_seconds",
      "process_cpu_seconds_total",
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
  });

  it("moves with a webhook accepted, then with the worker applying one event and parking another against Shopify", async () => {
    const harness = await syncShop({}, { observed: true });
    harness.emulator.store.createOrder(harness.shop, { lineItems: [{ title: "Cedar soap", quantity: 1 }] });
    const secret = "metrics-webhook-secret";
    await saveWakilniCredentials(harness.shop, { secret }, new Date());
    const { endpointKey } = await prisma.shop.findUniqueOrThrow({ where: { shop: harness.shop } });
    const before = await figures();

    for (const waybill of ["#1001", "WK-NO-ORDER"]) {
      const answer = await postWakilniEvent(
        `${base}${wakilniWebhookPath(endpointKey)}`,
        secret,
        specPayload({ topic: "created", waybill }),
      );
      expect(answer.status).toBe(200);
    }
    const refused = await postWakilniEvent(
      `${base}${wakilniWebhookPath(endpointKey)}`,
      "not-the-secret",
      specPayload({ topic: "created" }),
    );
    expect(refused.status).toBe(401);

    // The inbox gauges are read at most once per INBOX_GAUGES_CACHE_MS.
    await new Promise((resolve) => setTimeout(resolve, INBOX_GAUGES_CACHE_MS + 100));
    const received = await figures();
    expect(
      sample(received, 'wakilni_webhooks_total{outcome="accepted"}') - sample(before, 'wakilni_webhooks_total{outcome="accepted"}'),
    ).toBe(2);
    expect(
      sample(received, 'wakilni_webhooks_total{outcome="signature_mismatch"}') -
        sample(before, 'wakilni_webhooks_total{outcome="signature_mismatch"}'),
    ).toBe(1);
    expect(sample(received, "wakilni_webhook_duration_seconds_count") - sample(before, "wakilni_webhook_duration_seconds_count")).toBe(3);
    expect(sample(received, 'wakilni_inbox_events{state="received"}') - sample(before, 'wakilni_inbox_events{state="received"}')).toBe(2);
    expect(sample(received, 'wakilni_inbox_oldest_due_seconds{state="received"}')).toBeGreaterThan(0);

    await harness.drain();
    const applied = await figures();
    const moved = (series: string) => sample(applied, series) - sample(received, series);
    expect(moved('wakilni_events_total{outcome="applied"}')).toBe(1);
    expect(moved('wakilni_events_total{outcome="parked"}')).toBe(1);
    expect(moved('wakilni_shopify_requests_total{operation="ApplyDeliveryChanges",outcome="ok"}')).toBeGreaterThanOrEqual(1);
    expect(applied).toMatch(/^wakilni_shopify_cost_points_total\{operation="ApplyDeliveryChanges"\} [1-9]/m);
    // The waybills are done: the shop holds no slot.
    expect(applied).not.toContain(`shop="${harness.shop}"`);
  });

  it("names only the busiest shops' worker slots, the rest summed", async () => {
    const shops = Array.from({ length: SLOT_GAUGE_TOP_SHOPS + 3 }, (_, index) => `slots-${String(index).padStart(2, "0")}.myshopify.com`);
    shops.forEach((shop, index) => {
      for (let slot = 0; slot <= (index < SLOT_GAUGE_TOP_SHOPS ? 1 : 0); slot += 1) observe({ kind: "slot", shop, change: 1 });
    });
    try {
      const text = await figures();
      const series = text.split("\n").filter((line) => line.startsWith("wakilni_worker_slots_busy{"));
      expect(series).toHaveLength(SLOT_GAUGE_TOP_SHOPS + 1);
      expect(sample(text, `wakilni_worker_slots_busy{shop="${shops[0]}"}`)).toBe(2);
      expect(sample(text, 'wakilni_worker_slots_busy{shop="_other"}')).toBe(3);
    } finally {
      shops.forEach((shop, index) => {
        for (let slot = 0; slot <= (index < SLOT_GAUGE_TOP_SHOPS ? 1 : 0); slot += 1) observe({ kind: "slot", shop, change: -1 });
      });
    }
    expect((await figures()).split("\n").filter((line) => line.startsWith("wakilni_worker_slots_busy{"))).toEqual([]);
  });
});
