import { describe, expect, it } from "vitest";
import { SUPPORTED_LOCALES } from "../i18n/locale";
import { NO_STATUS_NAME, WAKILNI_STATUSES } from "./statuses";
import { ALL_TOPICS, topicFromApiStatusName, topicFromName } from "./topics";

const rows = ALL_TOPICS.map((topic) => ({ topic, ...WAKILNI_STATUSES[topic] }));

describe("the Wakilni status table", () => {
  it("keeps the tag labels already on Shopify orders, with the tones decided once (delivered good news, on its way news, a delay or a pending change worth watching, any other end bad)", () => {
    expect(Object.fromEntries(rows.map(({ topic, tagLabel, tone }) => [topic, [tagLabel, tone]]))).toEqual({
      created: ["Created", "info"],
      confirmed: ["Confirmed", "info"],
      assigned: ["Assigned", "info"],
      processed: ["Out for delivery", "info"],
      postponed: ["Postponed", "warning"],
      failed: ["Failed attempt", "warning"],
      completed: ["Delivered", "success"],
      completed_rejected: ["Rejected", "critical"],
      closed_failed: ["Failed", "critical"],
      pending_cancelation: ["Pending cancelation", "warning"],
      canceled: ["Canceled", "critical"],
      declined: ["Declined", "critical"],
      ready_for_pickup: ["Ready for pickup", "info"],
    });
  });

  it("keeps critical for the ends other than delivered, so a new final status is coloured like the others", () => {
    for (const { topic, tone, terminal } of rows) {
      expect(tone === "critical", topic).toBe(terminal && topic !== "completed");
    }
  });

  it("reads every topic back from Wakilni's name for it", () => {
    for (const { topic, topicName } of rows) expect(topicFromName(topicName)).toBe(topic);
  });

  it("reads every topic back from each of its API status names, and no name stands for two statuses", () => {
    for (const { topic, apiStatusNames } of rows) {
      for (const name of apiStatusNames) expect(topicFromApiStatusName(name), name).toBe(topic);
    }
    const all = rows.flatMap(({ apiStatusNames }) => apiStatusNames.map((name) => name.toLowerCase()));
    expect(new Set(all).size).toBe(all.length);
  });

  it("reads API status names ignoring case, underscores, commas and spacing, and topic names too", () => {
    expect(topicFromApiStatusName("SUCCESS, REJECTED")).toBe("completed_rejected");
    expect(topicFromApiStatusName("CLOSED_FAILED")).toBe("closed_failed");
    expect(topicFromApiStatusName(" pending_cancellation ")).toBe("pending_cancelation");
    expect(topicFromApiStatusName("SUCCESS")).toBe("completed");
    expect(topicFromApiStatusName("Order Completed")).toBe("completed");
    expect(topicFromApiStatusName("Lost in transit")).toBeNull();
  });

  it.each(SUPPORTED_LOCALES)("names every status in %s, each differently", (locale) => {
    const names = [...rows.map(({ name }) => name[locale]), NO_STATUS_NAME[locale]];
    expect(names.every((name) => name.trim() !== "")).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });

  it("ends the journey of a status that cancels the fulfillment, and reports no event on it", () => {
    for (const { topic, cancelsFulfillment, terminal, fulfillmentEvent } of rows.filter((row) => row.cancelsFulfillment)) {
      expect({ topic, cancelsFulfillment, terminal, fulfillmentEvent }).toEqual({
        topic,
        cancelsFulfillment,
        terminal: true,
        fulfillmentEvent: null,
      });
    }
  });

  it("has a short English message for every fulfillment event", () => {
    for (const { fulfillmentEvent } of rows) {
      if (!fulfillmentEvent) continue;
      expect(fulfillmentEvent.message.trim()).not.toBe("");
      expect(fulfillmentEvent.message.length).toBeLessThanOrEqual(80);
    }
  });
});
