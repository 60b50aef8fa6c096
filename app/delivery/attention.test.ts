import { describe, expect, it } from "vitest";
import { attentionReason, type AttentionFacts } from "./attention";

const linked: AttentionFacts = { orderId: "gid://shopify/Order/1", status: "processed", needsAttention: false, applyFailed: false };

describe("attentionReason", () => {
  it("is null for a delivery that needs nobody", () => {
    expect(attentionReason(linked)).toBeNull();
  });

  it("puts an unmatched waybill first, then a failure to apply, then what Wakilni said", () => {
    expect(attentionReason({ ...linked, orderId: null, status: "failed", needsAttention: true, applyFailed: true })).toBe("unmatched");
    expect(attentionReason({ ...linked, status: "failed", needsAttention: true, applyFailed: true })).toBe("apply-failed");
    expect(attentionReason({ ...linked, applyFailed: true })).toBe("apply-failed");
  });

  it.each([
    ["failed", "failed-attempt"],
    ["completed_rejected", "rejected"],
    ["postponed", "postponed"],
    ["declined", "declined"],
    ["closed_failed", "returned"],
    ["processed", "other"],
    ["from-a-newer-version", "other"],
  ])("names status %s as %s", (status, reason) => {
    expect(attentionReason({ ...linked, status, needsAttention: true })).toBe(reason);
  });
});
