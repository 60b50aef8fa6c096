// What the overview says about the link with Wakilni, from facts only: whether a secret is
// saved, when the last webhook was accepted, how many parcels are still on their way, and the
// requests refused lately. A permanent "connected" would hide the two failures that matter:
// Wakilni sending nothing (a webhook deleted in its portal) and Wakilni sending what the app
// refuses (a wrong secret).

export interface RejectionCount {
  reason: string;
  count: number;
  lastAt: Date;
}

export interface ConnectionFacts {
  secretSaved: boolean;
  lastWebhookAt: Date | null;
  inTransit: number;
  /** The last 24 hours' refused requests, by reason. */
  rejections: readonly RejectionCount[];
  /** The shop's setting: quiet for this long while parcels are on their way is worth a warning. */
  silentAfterHours: number;
}

export type ConnectionState =
  | { kind: "not_set_up" }
  | { kind: "waiting" }
  | { kind: "receiving"; lastWebhookAt: Date; minutesAgo: number }
  | { kind: "silent"; lastWebhookAt: Date; hoursAgo: number; inTransit: number }
  | { kind: "rejecting"; rejections: readonly RejectionCount[]; lastWebhookAt: Date | null };

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/**
 * Refusals come first: whatever else is true, Wakilni's events are being lost while they last.
 * A refusal older than the last accepted webhook is not a current problem (the merchant fixed
 * the secret since), so only refusals after it count. Without a saved secret every request
 * is refused anyway: setting up is the one thing to say.
 */
export function connectionState(facts: ConnectionFacts, now: Date): ConnectionState {
  if (!facts.secretSaved) return { kind: "not_set_up" };
  const { lastWebhookAt } = facts;
  const current = facts.rejections.filter((rejection) => rejection.count > 0 && (!lastWebhookAt || rejection.lastAt > lastWebhookAt));
  if (current.length > 0) {
    return { kind: "rejecting", rejections: [...current].sort((a, b) => b.count - a.count), lastWebhookAt };
  }
  if (!lastWebhookAt) return { kind: "waiting" };
  const quietMs = Math.max(0, now.getTime() - lastWebhookAt.getTime());
  if (facts.inTransit > 0 && quietMs >= facts.silentAfterHours * HOUR_MS) {
    return { kind: "silent", lastWebhookAt, hoursAgo: Math.floor(quietMs / HOUR_MS), inTransit: facts.inTransit };
  }
  return { kind: "receiving", lastWebhookAt, minutesAgo: Math.floor(quietMs / MINUTE_MS) };
}

/**
 * What a dismissed banner is remembered by: the same situation stays dismissed across the page's
 * refreshes, a new one (another state, another reason refused, a new silence) shows again.
 */
export function dismissKey(state: ConnectionState): string | null {
  switch (state.kind) {
    case "receiving":
      return "receiving";
    case "silent":
      return `silent:${state.lastWebhookAt.toISOString()}`;
    case "rejecting":
      return `rejecting:${state.rejections
        .map((rejection) => rejection.reason)
        .sort()
        .join(",")}`;
    default:
      // Not set up and waiting are steps the merchant still has to take: they stay.
      return null;
  }
}
