// @vitest-environment happy-dom
// The buyer's order status block rendered from its real module, reading the delivery metafield
// the planner writes, and shopify.app.toml declaring that metafield for customer accounts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import type { DeliveryMetafieldValue } from "../../../app/delivery/delivery-metafield";
import { WAKILNI_STATUSES } from "../../../app/wakilni/statuses";
import { renderExtension, screenText } from "../../../tests/helpers/extension-render";

const EXTENSION_DIR = path.resolve(import.meta.dirname, "..");

const value = (overrides: Partial<DeliveryMetafieldValue> = {}): DeliveryMetafieldValue => ({
  version: 3,
  waybill: "WK-1001",
  wakilniOrderId: "55",
  status: "processed",
  statusLabel: "Out for delivery",
  happenedAt: "2026-11-28T10:00:00.000Z",
  trackingUrl: "https://track.example/WK-1001",
  driver: { firstName: "Ali", phone: null },
  needsAttention: false,
  recent: [
    { status: "confirmed", at: "2026-11-28T09:05:00.000Z" },
    { status: "assigned", at: "2026-11-28T09:30:00.000Z" },
    { status: "processed", at: "2026-11-28T10:00:00.000Z" },
  ],
  ...overrides,
});

/** The history's rows as shown, top to bottom. */
const historyRows = () => Array.from(document.querySelectorAll("s-list-item"), (item) => item.textContent);

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

  it("lists the last status changes, newest first, each with its time", async () => {
    await open(value());
    await waitFor(() => expect(screenText()).toContain("Latest updates"));
    const at = (iso: string) => new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
    expect(historyRows()).toEqual([
      `${WAKILNI_STATUSES.processed.name.en} · ${at("2026-11-28T10:00:00.000Z")}`,
      `${WAKILNI_STATUSES.assigned.name.en} · ${at("2026-11-28T09:30:00.000Z")}`,
      `${WAKILNI_STATUSES.confirmed.name.en} · ${at("2026-11-28T09:05:00.000Z")}`,
    ]);
  });

  it("lists no history for a first status, and leaves out a status this version does not know", async () => {
    await open(value({ status: "created", recent: [{ status: "created", at: "2026-11-28T09:00:00.000Z" }] }));
    await waitFor(() => expect(screenText()).toContain(WAKILNI_STATUSES.created.name.en));
    expect(screenText()).not.toContain("Latest updates");
    const future = [{ status: "teleported", at: "2026-11-28T09:10:00.000Z" }, ...value().recent] as DeliveryMetafieldValue["recent"];
    await open(value({ recent: future }));
    await waitFor(() => expect(historyRows()).toHaveLength(3));
  });

  it("still reads version 2, written before the history existed: the status without a list", async () => {
    const { recent: _recent, ...rest } = value();
    await open({ ...rest, version: 2 });
    await waitFor(() => expect(screenText()).toContain(`Status: ${WAKILNI_STATUSES.processed.name.en}`));
    expect(historyRows()).toEqual([]);
  });

  it("renders nothing without a delivery, or with a shape of another version", async () => {
    await open(undefined);
    expect(screenText()).toBe("");
    await open({ ...value(), version: 1 });
    expect(screenText()).toBe("");
    await open({ ...value(), version: 4 });
    expect(screenText()).toBe("");
  });

  it.each([
    ["ar", "الحالة: ", "سائقك: Ali", "آخر التحديثات"],
    ["fr", "Statut : ", "Votre livreur : Ali", "Dernières étapes"],
  ] as const)("speaks the buyer's language: %s", async (language, status, driver, recent) => {
    await open(value(), language);
    await waitFor(() => expect(screenText()).toContain(`${status}${WAKILNI_STATUSES.processed.name[language]}`));
    expect(screenText()).toContain(driver);
    expect(screenText()).toContain(recent);
    expect(historyRows().map((row) => row!.split(" · ")[0])).toEqual(
      (["processed", "assigned", "confirmed"] as const).map((topic) => WAKILNI_STATUSES[topic].name[language]),
    );
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
