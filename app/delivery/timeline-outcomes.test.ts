import { describe, expect, expectTypeOf, it } from "vitest";
import { SUPPORTED_LOCALES } from "../i18n/locale";
import type { PlannedEvent } from "./plan";
import { isSkippedOutcome, TIMELINE_OUTCOMES, timelineOutcomeFromCode, type TimelineOutcomeCode } from "./timeline-outcomes";

describe("the timeline outcome table", () => {
  it("names every outcome the planner gives (checked by tsc)", () => {
    expectTypeOf<PlannedEvent["outcome"]>().toExtend<TimelineOutcomeCode>();
  });

  it("calls skipped only the outcomes that left Shopify untouched once the worker was done", () => {
    const skipped = Object.keys(TIMELINE_OUTCOMES).filter(isSkippedOutcome);
    expect(skipped).toEqual(["stale", "after_terminal"]);
    expect(isSkippedOutcome("something-newer")).toBe(false);
  });

  it("reads a stored code back, and nothing else", () => {
    for (const code of Object.keys(TIMELINE_OUTCOMES)) expect(timelineOutcomeFromCode(code)).toBe(code);
    for (const code of ["archived", "", "constructor", "toString", "Applied"]) expect(timelineOutcomeFromCode(code)).toBeNull();
  });

  it.each(SUPPORTED_LOCALES)("names every outcome in %s, each differently", (locale) => {
    const names = Object.values(TIMELINE_OUTCOMES).map(({ name }) => name[locale]);
    expect(names.every((name) => name.trim() !== "")).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });
});
