import { describe, expect, it } from "vitest";
import { SUPPORTED_LOCALES } from "../i18n/locale";
import {
  TIMELINE_MESSAGES,
  timelineLogText,
  timelineMessage,
  timelineText,
  UNDONE_PARTS,
  type TimelineTextOptions,
} from "./timeline-messages";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
const options = (locale: TimelineTextOptions["locale"]): TimelineTextOptions => ({ locale, formatTime: (iso) => `<${iso.slice(11, 16)}>` });

describe("the timeline message table", () => {
  it.each(SUPPORTED_LOCALES)("says every message in %s with exactly the values it declares", (locale) => {
    for (const [key, { text, values }] of Object.entries(TIMELINE_MESSAGES)) {
      expect(text[locale].trim(), key).not.toBe("");
      expect(placeholders(text[locale]), `${key} in ${locale}`).toEqual(Object.keys(values).sort());
    }
    for (const [part, text] of Object.entries(UNDONE_PARTS)) expect(placeholders(text[locale]), part).toEqual(placeholders(text.en));
  });

  it("names statuses in the merchant's language and formats times with the caller's formatter", () => {
    expect(timelineText("applied", { status: "completed" }, options("en"))).toBe("Applied: Delivered");
    expect(timelineText("applied", { status: "completed" }, options("fr"))).toBe("Appliqué : Livrée");
    expect(timelineText("stale", { lastAppliedAt: "2026-11-30T09:05:00.000Z" }, options("fr"))).toBe(
      "Ignoré : plus ancien que le dernier événement appliqué (<09:05>)",
    );
  });

  it("keeps waybills, order names and Shopify's text left-to-right inside Arabic, and only there", () => {
    expect(timelineText("linkedToOrder", { order: "#1001" }, options("ar"))).toContain("\u2066#1001\u2069");
    expect(timelineText("linkedToOrder", { order: "#1001" }, options("en"))).toBe(
      "Linked to order #1001; its waiting Wakilni events are applied again",
    );
  });

  it("says what an unlink undid, part by part, failures with Shopify's reason", () => {
    const undone = [
      "tags",
      "metafield",
      "fulfillment:gid://shopify/Fulfillment/42",
      "fulfillment-not-cancelled:gid://shopify/Fulfillment/43: Delivered",
    ];
    expect(timelineText("unlinkedFromOrder", { order: "#1001", undone }, options("en"))).toBe(
      "Unlinked from order #1001 (undone: the app's tags, the delivery metafield, fulfillment 42 cancelled, and fulfillment 43 not cancelled (Delivered)); waiting for a link",
    );
    expect(timelineText("unlinkedFromOrder", { order: "#1001", undone: ["tags-not-removed: nope"] }, options("fr"))).toContain(
      "étiquettes non retirées (nope)",
    );
  });

  it("shows an unknown key with its values instead of hiding it, and a stored bad time as it is", () => {
    expect(timelineText("paidByMagic", { amount: "10" }, options("en"))).toBe("paidByMagic (amount: 10)");
    expect(timelineText("stale", { lastAppliedAt: "yesterday" }, options("en"))).toContain("(yesterday)");
  });

  it("builds messages checked against the table, and writes them in English with ISO times for logs", () => {
    expect(timelineMessage("otherItemsLeftAlone")).toEqual({ key: "otherItemsLeftAlone", values: {} });
    expect(timelineLogText(timelineMessage("stale", { lastAppliedAt: "2026-11-30T09:05:00.000Z" }))).toBe(
      "Skipped: older than the last applied event (2026-11-30T09:05:00.000Z)",
    );
  });
});
