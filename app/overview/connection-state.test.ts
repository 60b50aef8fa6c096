import { describe, expect, it } from "vitest";
import { connectionState, dismissKey, type ConnectionFacts } from "./connection-state";

const now = new Date("2026-12-01T10:00:00Z");
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);

const facts = (overrides: Partial<ConnectionFacts>): ConnectionFacts => ({
  secretSaved: true,
  lastWebhookAt: null,
  inTransit: 0,
  rejections: [],
  silentAfterHours: 24,
  ...overrides,
});

describe("connectionState", () => {
  it("is not set up without a secret, whatever else is true", () => {
    expect(
      connectionState(
        facts({
          secretSaved: false,
          lastWebhookAt: hoursAgo(1),
          rejections: [{ reason: "secret_not_set", count: 3, lastAt: hoursAgo(0) }],
        }),
        now,
      ),
    ).toEqual({ kind: "not_set_up" });
  });

  it("waits for the first webhook once the secret is saved", () => {
    expect(connectionState(facts({}), now)).toEqual({ kind: "waiting" });
  });

  it("is receiving, with the minutes since the last webhook", () => {
    expect(connectionState(facts({ lastWebhookAt: new Date(now.getTime() - 7.5 * 60_000), inTransit: 4 }), now)).toEqual({
      kind: "receiving",
      lastWebhookAt: new Date(now.getTime() - 7.5 * 60_000),
      minutesAgo: 7,
    });
  });

  it("is silent after the configured hours without a webhook while parcels are on their way", () => {
    expect(connectionState(facts({ lastWebhookAt: hoursAgo(25.5), inTransit: 3 }), now)).toEqual({
      kind: "silent",
      lastWebhookAt: hoursAgo(25.5),
      hoursAgo: 25,
      inTransit: 3,
    });
    expect(connectionState(facts({ lastWebhookAt: hoursAgo(6), inTransit: 3, silentAfterHours: 6 }), now).kind).toBe("silent");
    expect(connectionState(facts({ lastWebhookAt: hoursAgo(5.9), inTransit: 3, silentAfterHours: 6 }), now).kind).toBe("receiving");
  });

  it("is not silent when nothing is on its way: quiet is then normal", () => {
    expect(connectionState(facts({ lastWebhookAt: hoursAgo(200), inTransit: 0 }), now)).toMatchObject({
      kind: "receiving",
      minutesAgo: 12_000,
    });
  });

  it("is rejecting when requests were refused after the last accepted webhook, most frequent reason first", () => {
    const rejections = [
      { reason: "invalid_payload", count: 1, lastAt: hoursAgo(1) },
      { reason: "signature_mismatch", count: 14, lastAt: hoursAgo(2) },
      { reason: "event_too_old", count: 2, lastAt: hoursAgo(9) },
    ];
    expect(connectionState(facts({ lastWebhookAt: hoursAgo(5), inTransit: 2, rejections }), now)).toEqual({
      kind: "rejecting",
      rejections: [rejections[1], rejections[0]],
      lastWebhookAt: hoursAgo(5),
    });
    expect(connectionState(facts({ rejections }), now)).toMatchObject({ kind: "rejecting", lastWebhookAt: null });
  });

  it("forgets refusals older than the last accepted webhook (the merchant fixed the secret)", () => {
    const rejections = [{ reason: "signature_mismatch", count: 14, lastAt: hoursAgo(3) }];
    expect(connectionState(facts({ lastWebhookAt: hoursAgo(1), rejections }), now).kind).toBe("receiving");
  });
});

describe("dismissKey", () => {
  it("keeps steps to take undismissable and tells situations apart", () => {
    expect(dismissKey({ kind: "not_set_up" })).toBeNull();
    expect(dismissKey({ kind: "waiting" })).toBeNull();
    expect(dismissKey({ kind: "receiving", lastWebhookAt: now, minutesAgo: 0 })).toBe("receiving");
    expect(dismissKey({ kind: "silent", lastWebhookAt: now, hoursAgo: 30, inTransit: 1 })).toBe(`silent:${now.toISOString()}`);
    const rejecting = (reasons: string[]) =>
      dismissKey({ kind: "rejecting", lastWebhookAt: null, rejections: reasons.map((reason) => ({ reason, count: 1, lastAt: now })) });
    expect(rejecting(["signature_mismatch", "event_too_old"])).toBe("rejecting:event_too_old,signature_mismatch");
    expect(rejecting(["signature_mismatch"])).not.toBe(rejecting(["signature_mismatch", "event_too_old"]));
  });
});
