// @vitest-environment happy-dom
// The buyer's order status block rendered from its real module, reading the delivery metafield
// the planner writes, and shopify.app.toml declaring that metafield for customer accounts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import type { DeliveryMetafieldValue } from "../../../app/delivery/plan";
import { WAKILNI_STATUSES } from "../../../app/wakilni/statuses";
import { renderExtension, screenText } from "../../../tests/helpers/extension-render";

const EXTENSION_DIR = path.resolve(import.meta.dirname, "..");

const value = (overrides: Partial<DeliveryMetafieldValue> = {}): DeliveryMetafieldValue => ({
  version: 2,
  waybill: "WK-1001",
  wakilniOrderId: "55",
  status: "processed",
  statusLabel: "Out for delivery",
  happenedAt: "2026-11-28T10:00:00.000Z",
  trackingUrl: "https://track.example/WK-1001",
  driver: { firstName: "Ali", phone: null },
  needsAttention: false,
  ...overrides,
});

function open(metafield: unknown, language = "en") {
  return renderExtension(() => import("./OrderStatusBlock"), {
    extensionDir: EXTENSION_DIR,
    language,
    appMetafields:
      metafield === undefined
        ? []
        : [
            {
              target: { type: "order", id: "1" },
              metafield: { namespace: "$app:wakilni", key: "delivery", value: JSON.stringify(metafield), type: "json" },
            },
          ],
  });
}

afterEach(() => {
  document.body.innerHTML = "";
});

describe("the buyer's order status block", () => {
  it("shows the status, the driver's first name while out for delivery, and the tracking link", async () => {
    await open(value());
    await waitFor(() => expect(screenText()).toContain("Delivery by Wakilni"));
    expect(screenText()).toContain(`Status: ${WAKILNI_STATUSES.processed.name.en}`);
    expect(screenText()).toContain("Your driver: Ali");
    expect(document.querySelector("s-link")?.getAttribute("href")).toBe("https://track.example/WK-1001");
    expect(screenText()).not.toContain("Call");
  });

  it("shows the phone only when the metafield carries it (the merchant's setting)", async () => {
    await open(value({ driver: { firstName: "Ali", phone: "+961 3 123 456" } }));
    await waitFor(() => expect(screenText()).toContain("Call +961 3 123 456"));
    expect(document.querySelector("s-link")?.getAttribute("href")).toBe("tel:+9613123456");
  });

  it("names no driver once the parcel is delivered", async () => {
    await open(value({ status: "completed" }));
    await waitFor(() => expect(screenText()).toContain(WAKILNI_STATUSES.completed.name.en));
    expect(screenText()).not.toContain("Ali");
  });

  it("renders nothing without a delivery, or with a shape of another version", async () => {
    await open(undefined);
    expect(screenText()).toBe("");
    await open({ ...value(), version: 1 });
    expect(screenText()).toBe("");
  });

  it("speaks the buyer's language", async () => {
    await open(value(), "ar");
    await waitFor(() => expect(screenText()).toContain(`الحالة: ${WAKILNI_STATUSES.processed.name.ar}`));
    expect(screenText()).toContain("سائقك: Ali");
  });
});

describe("shopify.app.toml", () => {
  it("declares the delivery metafield with read access for customer accounts, as the extension reads it", () => {
    const toml = readFileSync(path.resolve(EXTENSION_DIR, "../../shopify.app.toml"), "utf8");
    const section = toml.slice(toml.indexOf("[order.metafields.app.delivery]")).split(/\n\[/)[0];
    expect(section).toMatch(/^type = "json"$/m);
    expect(section).toMatch(/^access\.customer_account = "read"$/m);
    const extension = readFileSync(path.join(EXTENSION_DIR, "shopify.extension.toml"), "utf8");
    expect(extension).toMatch(/namespace = "\$app:wakilni"\nkey = "delivery"/);
  });
});
