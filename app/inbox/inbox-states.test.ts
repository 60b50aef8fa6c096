import { describe, expect, it } from "vitest";
import {
  EVENT_LOG_TAB_STATES,
  FINAL_STATES,
  INBOX_STATES,
  PENDING_STATES,
  REPARKED_BY_UNLINK_STATES,
  RETRYABLE_STATES,
  inboxStateTone,
  isInboxState,
  isRetryable,
} from "./inbox-states";

describe("inbox states", () => {
  it("are each either pending (the worker still picks them up) or final", () => {
    expect(PENDING_STATES).toEqual(["received", "processing", "parked"]);
    expect(FINAL_STATES).toEqual(["applied", "failed", "dead", "unsupported"]);
    expect([...PENDING_STATES, ...FINAL_STATES].sort()).toEqual([...INBOX_STATES].sort());
  });

  it("may be retried by the merchant only when the worker stopped trying or waits for a person", () => {
    expect(RETRYABLE_STATES).toEqual(["parked", "failed", "dead"]);
    for (const state of INBOX_STATES) expect(isRetryable(state), state).toBe(RETRYABLE_STATES.includes(state));
    expect(isRetryable("resolved")).toBe(false);
  });

  it("give the event log a tab for each way an event does not go through", () => {
    expect(EVENT_LOG_TAB_STATES).toEqual(["parked", "failed", "dead", "unsupported"]);
  });

  it("park again on an unlink every event that may have reached the wrong order or still would", () => {
    expect(REPARKED_BY_UNLINK_STATES).toEqual(["received", "processing", "applied", "failed", "dead"]);
  });

  it("know a state read from the database, and a text that is none", () => {
    expect(INBOX_STATES.every(isInboxState)).toBe(true);
    expect(isInboxState("resolved")).toBe(false);
    expect(isInboxState("toString")).toBe(false);
  });

  it("colour what needs the merchant apart from what went through", () => {
    expect(Object.fromEntries(INBOX_STATES.map((state) => [state, inboxStateTone(state)]))).toEqual({
      received: "info",
      processing: "info",
      parked: "attention",
      applied: "success",
      failed: "critical",
      dead: "critical",
      unsupported: "warning",
    });
  });
});
