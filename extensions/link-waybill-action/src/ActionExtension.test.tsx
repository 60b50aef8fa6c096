// @vitest-environment happy-dom
// The order action rendered from its real module: a stand-in `shopify` global and a stubbed
// fetch in place of Shopify's admin and the app.
import path from "node:path";
import { waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import type { LinkSuggestions, RefreshDeliveryAnswer } from "../../../app/delivery/order-actions";
import type { OrderTimeline } from "../../../app/delivery/order-timeline";
import { orderActionRefusal } from "../../../app/delivery/order-action-refusals";
import {
  buttonNamed,
  click,
  json,
  pendingFetch,
  renderExtension,
  screenText,
  stubFetch,
  typeInto,
} from "../../../tests/helpers/extension-render";

const EXTENSION_DIR = path.resolve(import.meta.dirname, "..");
const ORDER = "gid://shopify/Order/5012345678901";

const SUGGESTIONS: LinkSuggestions = {
  linkedWaybills: [],
  suggestions: [
    { waybill: "WK-10", reason: "No order matches waybill WK-10 yet", lastEventAt: "2026-11-28T11:00:00.000Z", parkedEvents: 1 },
    { waybill: "WK-9", reason: "No order matches waybill WK-9 yet", lastEventAt: "2026-11-28T10:00:00.000Z", parkedEvents: 2 },
  ],
};

const TIMELINE_URL = "/api/orders/5012345678901/timeline";
/** The order's timeline as the block's route answers it; only canRefresh and the waybills matter here. */
const timeline = (canRefresh: boolean, ...waybills: string[]) =>
  ({
    wakilniZone: "Asia/Beirut",
    canRefresh,
    deliveries: waybills.map((waybill, index) => ({ id: index + 1, waybill })),
  }) as unknown as OrderTimeline;

/** The timeline request is answered apart, so each test's stub sees only the link and refresh calls. */
function open(fetch: typeof globalThis.fetch, language = "en", answered: OrderTimeline = timeline(false)) {
  const withTimeline: typeof globalThis.fetch = (input, init) =>
    String(input) === TIMELINE_URL ? Promise.resolve(json(answered)) : fetch(input, init);
  return renderExtension(() => import("./ActionExtension"), {
    extensionDir: EXTENSION_DIR,
    language,
    selectedId: ORDER,
    fetch: withTimeline,
  });
}

afterEach(() => {
  document.body.innerHTML = "";
});

describe("Link a Wakilni waybill", () => {
  it("shows it is loading the suggestions, with the field already usable", async () => {
    await open(pendingFetch);
    await waitFor(() => expect(screenText()).toContain("Loading the waybills waiting for an order…"));
    expect(document.querySelector("s-text-field")?.getAttribute("label")).toBe("Waybill");
  });

  it("suggests the parked waybills, and links the one chosen", async () => {
    const stub = stubFetch(({ method }) =>
      method === "GET" ? json(SUGGESTIONS) : json({ linked: { waybill: "WK-9", orderName: "#1001", replayed: 2 } }),
    );
    await open(stub.fetch);
    await waitFor(() => expect(screenText()).toContain("Waiting for an order"));
    expect(screenText()).toContain("WK-10");
    expect(screenText()).toContain("2 updates waiting");
    expect(screenText()).toContain("1 update waiting");
    expect(buttonNamed("Link waybill")?.hasAttribute("disabled")).toBe(true);

    click(buttonNamed("Use WK-9"));
    await waitFor(() => expect(buttonNamed("Link waybill")?.hasAttribute("disabled")).toBe(false));
    click(buttonNamed("Link waybill"));

    await waitFor(() => expect(screenText()).toContain("Waybill WK-9 linked to order #1001"));
    expect(screenText()).toContain("2 Wakilni updates are being applied to this order.");
    expect(stub.calls).toEqual([
      { url: "/api/orders/5012345678901/link", method: "GET", body: undefined },
      { url: "/api/orders/5012345678901/link", method: "POST", body: { waybill: "WK-9" } },
    ]);
  });

  it("links a typed waybill and says later updates will follow when none were waiting", async () => {
    const stub = stubFetch(({ method }) =>
      method === "GET"
        ? json({ linkedWaybills: [], suggestions: [] })
        : json({ linked: { waybill: "WK-77", orderName: "#1001", replayed: 0 } }),
    );
    const { closed } = await open(stub.fetch);
    await waitFor(() => expect(screenText()).toContain("No Wakilni waybill is waiting for an order."));
    typeInto(document.querySelector("s-text-field"), "  WK-77 ");
    await waitFor(() => expect(buttonNamed("Link waybill")?.hasAttribute("disabled")).toBe(false));
    click(buttonNamed("Link waybill"));
    await waitFor(() => expect(screenText()).toContain("Wakilni's next updates for it will be applied to this order."));
    expect(stub.calls[1].body).toEqual({ waybill: "WK-77" });
    click(buttonNamed("Close"));
    expect(closed.count).toBe(1);
  });

  it.each([
    ["en", "The waybill was not linked", "Waybill WK-5 is already fulfilled on order #1002. Unlink it there first."],
    ["fr", "La lettre de transport n’a pas été associée", "La lettre de transport WK-5 est déjà traitée sur la commande #1002."],
    ["ar", "لم تُربط بوليصة الشحن", "بوليصة الشحن \u2066WK-5\u2069 منفَّذة بالفعل على الطلب \u2066#1002\u2069."],
  ])("shows the app's refusal in the merchant's language (%s) and keeps the form for another try", async (language, heading, reason) => {
    const refusal = orderActionRefusal("alreadyFulfilled", { waybill: "WK-5", order: "#1002" });
    const stub = stubFetch(({ method }) =>
      method === "GET" ? json({ linkedWaybills: ["WK-1"], suggestions: [] }) : json({ error: refusal }, 422),
    );
    await open(stub.fetch, language);
    await waitFor(() => expect(screenText()).toContain("WK-1"));
    typeInto(document.querySelector("s-text-field"), "WK-5");
    await waitFor(() => expect(document.querySelector("s-button[variant=primary]")?.hasAttribute("disabled")).toBe(false));
    click(document.querySelector("s-button[variant=primary]"));
    await waitFor(() => expect(screenText()).toContain(heading));
    expect(screenText()).toContain(reason);
    expect(document.querySelector("s-text-field")).not.toBeNull();
  });

  it("says the link failed when the app cannot be reached", async () => {
    const stub = stubFetch(({ method }) => (method === "GET" ? json({ linkedWaybills: [], suggestions: [] }) : json({}, 502)));
    await open(stub.fetch);
    await waitFor(() => expect(screenText()).toContain("No Wakilni waybill"));
    typeInto(document.querySelector("s-text-field"), "WK-5");
    await waitFor(() => expect(buttonNamed("Link waybill")?.hasAttribute("disabled")).toBe(false));
    click(buttonNamed("Link waybill"));
    await waitFor(() => expect(screenText()).toContain("Check your connection, then try again."));
  });

  it("offers to load the suggestions again when they failed, and still takes a typed waybill", async () => {
    let answers = 0;
    const stub = stubFetch(() => (answers++ === 0 ? json({}, 500) : json(SUGGESTIONS)));
    await open(stub.fetch);
    await waitFor(() => expect(screenText()).toContain("The waybills could not be loaded"));
    expect(screenText()).toContain("You can still type the waybill.");
    click(buttonNamed("Try again"));
    await waitFor(() => expect(screenText()).toContain("Waiting for an order"));
  });

  it("speaks Arabic with the admin in Arabic, plural forms included", async () => {
    await open(stubFetch(() => json(SUGGESTIONS)).fetch, "ar");
    await waitFor(() => expect(screenText()).toContain("بانتظار طلب"));
    expect(screenText()).toContain("تحديثان بالانتظار");
    expect(screenText()).toContain("تحديث واحد بالانتظار");
    expect(document.querySelector("s-admin-action")?.getAttribute("heading")).toBe("ربط بوليصة شحن من وكيلني");
  });

  it("offers Refresh from Wakilni for each linked parcel when the connection works, and says what Wakilni knew", async () => {
    const refreshed: RefreshDeliveryAnswer = { ok: true, newChanges: 2, knownChanges: 3, unreadableChanges: 0, currentStatus: "Success" };
    const stub = stubFetch(({ url }) => (url.endsWith("/refresh") ? json(refreshed) : json(SUGGESTIONS)));
    await open(stub.fetch, "en", timeline(true, "WK-1001"));
    await waitFor(() => expect(buttonNamed("Refresh from Wakilni")).toBeTruthy());
    click(buttonNamed("Refresh from Wakilni"));
    await waitFor(() => expect(screenText()).toContain("Wakilni knew 2 status change(s) the app had missed; they are being applied."));
    expect(stub.calls.at(-1)).toEqual({ url: "/api/orders/5012345678901/refresh", method: "POST", body: { waybill: "WK-1001" } });
  });

  it("says exactly what failed when Wakilni could not be asked, in French too", async () => {
    const failed: RefreshDeliveryAnswer = { ok: false, notConnected: true };
    const stub = stubFetch(({ url }) => (url.endsWith("/refresh") ? json(failed) : json(SUGGESTIONS)));
    await open(stub.fetch, "fr", timeline(true, "WK-1001"));
    await waitFor(() => expect(buttonNamed("Actualiser depuis Wakilni")).toBeTruthy());
    click(buttonNamed("Actualiser depuis Wakilni"));
    await waitFor(() =>
      expect(screenText()).toContain(
        "Impossible d’interroger Wakilni (la connexion à l’API de Wakilni n’a pas réussi le test de connexion).",
      ),
    );
  });

  it("offers no refresh while the shop's connection to Wakilni's API has not passed its check", async () => {
    await open(stubFetch(() => json(SUGGESTIONS)).fetch, "en", timeline(false, "WK-1001"));
    await waitFor(() => expect(screenText()).toContain("Waiting for an order"));
    expect(buttonNamed("Refresh from Wakilni")).toBeFalsy();
  });
});
