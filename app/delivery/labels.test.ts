import { describe, expect, it } from "vitest";
import { WAKILNI_STATUSES } from "../wakilni/statuses";
import { ALL_TOPICS } from "../wakilni/topics";
import {
  DELIVERY_MESSAGES,
  STATUS_LABELS,
  allAppTags,
  allStatusTags,
  formatContact,
  formatMessage,
  needsAttentionTag,
  statusTag,
} from "./labels";

describe("status labels and tags", () => {
  it("labels every Wakilni topic with its status table's tag label, in the table's order", () => {
    expect(Object.entries(STATUS_LABELS)).toEqual(ALL_TOPICS.map((topic) => [topic, WAKILNI_STATUSES[topic].tagLabel]));
  });

  it("puts the prefix in front of the label", () => {
    expect(statusTag("completed", "Wakilni: ")).toBe("Wakilni: Delivered");
    expect(statusTag("processed", "WK/")).toBe("WK/Out for delivery");
    expect(needsAttentionTag("Wakilni: ")).toBe("Wakilni: Needs attention");
    expect(needsAttentionTag("WK/")).toBe("WK/Needs attention");
  });

  it("lists one distinct status tag per topic, none of them the needs-attention tag", () => {
    const tags = allStatusTags("WK/");
    expect(tags).toHaveLength(ALL_TOPICS.length);
    expect(new Set(tags).size).toBe(tags.length);
    expect(tags.every((tag) => tag.startsWith("WK/"))).toBe(true);
    expect(tags).not.toContain(needsAttentionTag("WK/"));
    expect(new Set(tags)).toEqual(new Set(ALL_TOPICS.map((topic) => statusTag(topic, "WK/"))));
  });

  it("counts every status tag and the needs-attention tag as the app's, and nothing else", () => {
    expect(allAppTags("WK/")).toEqual([...allStatusTags("WK/"), needsAttentionTag("WK/")]);
  });

  it("keeps every tag within Shopify's 40 characters and free of commas under the default prefix", () => {
    for (const tag of allAppTags("Wakilni: ")) {
      expect(tag.length).toBeLessThanOrEqual(40);
      expect(tag).not.toContain(",");
    }
  });
});

describe("messages", () => {
  it("are short, non-empty English texts", () => {
    for (const text of Object.values(DELIVERY_MESSAGES)) {
      expect(text.trim()).not.toBe("");
      expect(text.length).toBeLessThanOrEqual(80);
    }
  });

  it("fill in placeholders and leave unknown ones visible", () => {
    expect(formatMessage("assignedToDriver", { driver: "Ali" })).toBe("Assigned to driver Ali");
    expect(formatMessage("assignedToDriver")).toBe("Assigned to driver {driver}");
    expect(formatMessage("readyForPickupAt", { office: "Hamra" })).toBe("Ready for pickup at Hamra");
  });

  it("do not re-expand placeholders found in a value", () => {
    expect(formatMessage("contact", { name: "{phone}", phone: "1" })).toBe("{phone} (1)");
  });

  it.each([
    ["Ali", "+961 3 123456", "Ali (+961 3 123456)"],
    [" Ali ", " +961 3 123456 ", "Ali (+961 3 123456)"],
    ["Ali", null, "Ali"],
    ["Ali", "  ", "Ali"],
    [null, "+961 3 123456", "+961 3 123456"],
    ["", "", null],
    [null, null, null],
  ])("format the contact %j / %j as %j", (name, phone, expected) => {
    expect(formatContact(name, phone)).toBe(expected);
  });
});
