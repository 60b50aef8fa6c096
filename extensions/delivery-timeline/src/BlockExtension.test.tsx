// @vitest-environment happy-dom
// The order page's block rendered from its real module: a stand-in `shopify` global and a
// stubbed fetch in place of Shopify's admin and the app's /api/orders/<id>/… routes.
import path from "node:path";
import { waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import type { OrderDelivery, OrderTimeline, TimelineStep } from "../../../app/delivery/order-timeline";
import { WAKILNI_STATUSES } from "../../../app/wakilni/statuses";
import { orderActionRefusal } from "../../../app/delivery/order-action-refusals";
import {
  buttonNamed,
  click,
  json,
  labelsOf,
  pendingFetch,
  renderExtension,
  screenText,
  stubFetch,
} from "../../../tests/helpers/extension-render";

const EXTENSION_DIR = path.resolve(import.meta.dirname, "..");
const ORDER = "gid://shopify/Order/5012345678901";
const TIMELINE_URL = "/api/orders/5012345678901/timeline";

function step(id: number, topic: string, occurredAt: string, message: TimelineStep["message"], outcome = "applied"): TimelineStep {
  return {
    id: `event-${id}`,
    kind: "event",
    inboxEventId: id,
    topic,
    occurredAt,
    at: occurredAt,
    outcome,
    undone: false,
    message,
    actions: [],
    inbox: null,
  };
}

function delivery(overrides: Partial<OrderDelivery> = {}): OrderDelivery {
  return {
    id: 7,
    waybill: "WK-1001",
    status: "processed",
    statusLabel: "Out for delivery",
    needsAttention: false,
    trackingUrl: "https://track.example/WK-1001",
    driver: "Ali Haddad (+961 3 123 456)",
    driverName: "Ali Haddad",
    driverPhone: "+961 3 123 456",
    attentionReason: null,
    retryableEvents: 0,
    fulfillmentCount: 1,
    timeline: [
      step(3, "processed", "2026-11-28T10:00:00.000Z", { key: "applied", values: { status: "processed" } }),
      step(4, "assigned", "2026-11-28T09:30:00.000Z", { key: "stale", values: { lastAppliedAt: "2026-11-28T10:00:00.000Z" } }, "stale"),
      step(2, "assigned", "2026-11-28T09:00:00.000Z", { key: "applied", values: { status: "assigned" } }),
      step(1, "confirmed", "2026-11-28T08:00:00.000Z", { key: "applied", values: { status: "confirmed" } }),
    ],
    ...overrides,
  };
}

const timeline = (...deliveries: OrderDelivery[]): OrderTimeline => ({ wakilniZone: "Asia/Beirut", deliveries, canRefresh: false });

function open(fetch: typeof globalThis.fetch, language = "en") {
  return renderExtension(() => import("./BlockExtension"), { extensionDir: EXTENSION_DIR, language, selectedId: ORDER, fetch });
}

afterEach(() => {
  document.body.innerHTML = "";
});

describe("the order page's Wakilni block", () => {
  it("shows that it is loading", async () => {
    await open(pendingFetch);
    await waitFor(() => expect(screenText()).toContain("Loading the Wakilni deliveries…"));
    expect(document.querySelector("s-spinner")).not.toBeNull();
  });

  it("says it failed and loads again on Try again", async () => {
    let answers = 0;
    const stub = stubFetch(() => (answers++ === 0 ? json({}, 500) : json(timeline(delivery()))));
    await open(stub.fetch);
    await waitFor(() => expect(screenText()).toContain("The Wakilni deliveries could not be loaded"));
    click(buttonNamed("Try again"));
    await waitFor(() => expect(screenText()).toContain("Waybill WK-1001"));
    expect(stub.calls.map((call) => call.url)).toEqual([TIMELINE_URL, TIMELINE_URL]);
  });

  it("offers to link a waybill when the order has none, opening the order action", async () => {
    const { navigations } = await open(stubFetch(() => json(timeline())).fetch);
    await waitFor(() => expect(screenText()).toContain("No Wakilni delivery for this order yet"));
    click(buttonNamed("Link a waybill"));
    expect(navigations).toEqual(["extension://link-waybill-action"]);
  });

  it("shows one delivery: status as the app names and colours it, driver to call, links, one row per status change", async () => {
    await open(stubFetch(() => json(timeline(delivery()))).fetch);
    await waitFor(() => expect(screenText()).toContain("Waybill WK-1001"));

    const badge = document.querySelector("s-badge");
    expect(badge?.textContent).toBe(WAKILNI_STATUSES.processed.name.en);
    expect(badge?.getAttribute("tone")).toBe(WAKILNI_STATUSES.processed.tone);
    // Collapsed, the block says the current status.
    expect(document.querySelector("s-admin-block")?.getAttribute("collapsedSummary")).toBe(WAKILNI_STATUSES.processed.name.en);
    const links = Array.from(document.querySelectorAll("s-link")).map((link) => [link.getAttribute("href"), link.textContent]);
    expect(links).toEqual([
      ["https://track.example/WK-1001", "Track the parcel"],
      ["tel:+9613123456", "+961 3 123 456"],
      ["app:app/deliveries/7", "Open in Wakilni Delivery Sync"],
    ]);
    expect(screenText()).toContain("Driver: Ali Haddad");

    // One row per Wakilni status change, newest first, each status said once.
    const rows = Array.from(document.querySelectorAll("s-heading ~ s-stack > s-stack")).map((row) => (row.textContent ?? "").trim());
    expect(rows).toHaveLength(4);
    expect(labelsOf("s-text[type=strong]").slice(1)).toEqual(["Out for delivery", "Assigned", "Assigned", "Confirmed"]);
    // The badge and its own row; the row's "Applied: Out for delivery" is not repeated.
    expect(screenText().match(/Out for delivery/g)).toHaveLength(2);
    // What the app did shows only when it was not the usual "applied": here a late, older event.
    expect(screenText()).not.toContain("Applied");
    expect(labelsOf("s-badge").slice(1)).toEqual(["Skipped: older"]);
    expect(screenText()).toContain("Skipped: older than the last applied event (Nov 28, 2026, 12:00 PM)");
    // No needs-attention banner for a parcel that needs nobody.
    expect(document.querySelector("s-banner")).toBeNull();
  });

  it("shows several deliveries, newest first, divided", async () => {
    await open(
      stubFetch(() => json(timeline(delivery(), delivery({ id: 6, waybill: "WK-0999", status: "canceled", timeline: [] })))).fetch,
    );
    await waitFor(() => expect(screenText()).toContain("Waybill WK-0999"));
    expect(labelsOf("s-badge").filter((label) => label !== "Skipped: older")).toEqual([
      WAKILNI_STATUSES.processed.name.en,
      WAKILNI_STATUSES.canceled.name.en,
    ]);
    expect(document.querySelectorAll("s-divider")).toHaveLength(1);
    expect(screenText()).toContain("Nothing has happened to this parcel yet.");
  });

  it("shows why a delivery needs attention, and Retry queues its events again then reloads", async () => {
    const failing = delivery({
      needsAttention: true,
      attentionReason: "apply-failed",
      retryableEvents: 2,
      timeline: [step(4, "completed", "2026-11-28T11:00:00.000Z", { text: "Shopify refused: fulfillment is closed" }, "failed")],
    });
    const stub = stubFetch(({ url }) => (url.endsWith("/retry") ? json({ retried: 2 }) : json(timeline(failing))));
    await open(stub.fetch);
    await waitFor(() => expect(screenText()).toContain("The app could not apply one of Wakilni's updates"));
    expect(screenText()).toContain("Shopify refused: fulfillment is closed");
    expect(labelsOf("s-badge")).toContain("Failed");

    click(buttonNamed("Retry 2 updates"));

    await waitFor(() => expect(stub.calls).toHaveLength(3));
    expect(stub.calls[1]).toEqual({ url: "/api/orders/5012345678901/retry", method: "POST", body: { waybill: "WK-1001" } });
    expect(stub.calls[2].url).toBe(TIMELINE_URL);
  });

  it("resolves the attention, and shows the app's refusal when it says no", async () => {
    const flagged = delivery({ needsAttention: true, attentionReason: "failed-attempt", status: "failed" });
    let resolves = 0;
    const stub = stubFetch(({ url }) => {
      if (!url.endsWith("/resolve")) return json(timeline(flagged));
      return resolves++ === 0 ? json({ error: orderActionRefusal("busy", { waybill: "WK-1001" }) }, 409) : json({ resolvedBy: "Rana" });
    });
    await open(stub.fetch);
    await waitFor(() => expect(screenText()).toContain("The driver could not deliver the parcel."));
    expect(buttonNamed("Retry 0 updates")).toBeUndefined();

    click(buttonNamed("Mark as resolved"));
    await waitFor(() => expect(screenText()).toContain("Waybill WK-1001 is being synced right now. Try again in a moment."));
    click(buttonNamed("Mark as resolved"));
    await waitFor(() => expect(stub.calls.filter((call) => call.url === TIMELINE_URL)).toHaveLength(2));
  });

  it("offers Refresh from Wakilni only with a working connection, says what it found and reloads after new changes", async () => {
    const hidden = stubFetch(() => json(timeline(delivery())));
    await open(hidden.fetch);
    await waitFor(() => expect(screenText()).toContain("Waybill WK-1001"));
    expect(buttonNamed("Refresh from Wakilni")).toBeUndefined();

    let refreshes = 0;
    const stub = stubFetch(({ url }) => {
      if (!url.endsWith("/refresh")) return json({ ...timeline(delivery()), canRefresh: true });
      return refreshes++ === 0
        ? json({ ok: false, failure: { kind: "server_error", status: 503 } }, 502)
        : json({ ok: true, newChanges: 2, knownChanges: 3, unreadableChanges: 0, currentStatus: "Success" });
    });
    await open(stub.fetch);
    await waitFor(() => expect(buttonNamed("Refresh from Wakilni")).toBeDefined());
    click(buttonNamed("Refresh from Wakilni"));
    await waitFor(() => expect(screenText()).toContain("Wakilni could not be asked (HTTP 503)."));
    expect(stub.calls[1]).toEqual({ url: "/api/orders/5012345678901/refresh", method: "POST", body: { waybill: "WK-1001" } });
    click(buttonNamed("Refresh from Wakilni"));
    await waitFor(() => expect(stub.calls.filter((call) => call.url === TIMELINE_URL)).toHaveLength(2));
  });

  it("says the action failed when the app cannot be reached", async () => {
    const flagged = delivery({ needsAttention: true, attentionReason: "other" });
    const stub = stubFetch(({ url }) => (url.endsWith("/resolve") ? json({}, 502) : json(timeline(flagged))));
    await open(stub.fetch);
    await waitFor(() => expect(buttonNamed("Mark as resolved")).toBeDefined());
    click(buttonNamed("Mark as resolved"));
    await waitFor(() => expect(screenText()).toContain("Check your connection, then try again."));
  });

  it("speaks Arabic: the status table's names, the block's texts", async () => {
    await open(
      stubFetch(() => json(timeline(delivery({ needsAttention: true, attentionReason: "postponed", retryableEvents: 2 })))).fetch,
      "ar",
    );
    await waitFor(() => expect(screenText()).toContain("بوليصة الشحن WK-1001"));
    expect(document.querySelector("s-badge")?.textContent).toBe(WAKILNI_STATUSES.processed.name.ar);
    expect(screenText()).toContain("تم تأجيل التوصيل.");
    expect(buttonNamed("إعادة محاولة تحديثين")).toBeDefined();
    expect(screenText()).toContain("فتح في Wakilni Delivery Sync");
  });
});
