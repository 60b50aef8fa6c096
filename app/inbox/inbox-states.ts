// The states of an inbox event and what each one means — to the worker (pending or final), to
// the merchant (may it be retried, does the event log give it a tab) and on screen (badge
// tone) — in one table, so a state is added or changed in one place. Plain TypeScript with no
// server import: the pages' client code reads it as well as the store. Who moves an event
// from one state to another is the inbox store's business (inbox-store.server.ts).

/** The tones of Polaris's Badge this app uses. */
export type BadgeTone = "info" | "success" | "warning" | "critical" | "attention";

interface InboxStateFacts {
  /** The worker will still pick the event up (final otherwise: only a person sends it back). */
  pending: boolean;
  /** The merchant's Retry button queues it again. */
  retryable: boolean;
  /** The event log gives it a tab of its own: the events that did not go through. */
  logTab: boolean;
  /** Unlinking its waybill from a wrong order parks it again, for the next link to replay. */
  reparkedByUnlink: boolean;
  /** Its raw body and transitions are deleted once it is older than the retention period (its columns and timeline stay). */
  prunable: boolean;
  tone: BadgeTone;
}

const INBOX_STATE_TABLE = {
  received: { pending: true, retryable: false, logTab: false, reparkedByUnlink: true, prunable: false, tone: "info" },
  processing: { pending: true, retryable: false, logTab: false, reparkedByUnlink: true, prunable: false, tone: "info" },
  // Its order was not found yet: retried for a while, then waits for a link or a Retry.
  parked: { pending: true, retryable: true, logTab: true, reparkedByUnlink: false, prunable: false, tone: "attention" },
  applied: { pending: false, retryable: false, logTab: false, reparkedByUnlink: true, prunable: true, tone: "success" },
  // Shopify refused it (a permanent error).
  failed: { pending: false, retryable: true, logTab: true, reparkedByUnlink: true, prunable: false, tone: "critical" },
  // Transient failures until the retry policy gave up.
  dead: { pending: false, retryable: true, logTab: true, reparkedByUnlink: true, prunable: false, tone: "critical" },
  // A Wakilni topic this version does not know; kept for the record.
  unsupported: { pending: false, retryable: false, logTab: true, reparkedByUnlink: false, prunable: true, tone: "warning" },
} as const satisfies Record<string, InboxStateFacts>;

export type InboxState = keyof typeof INBOX_STATE_TABLE;

export const INBOX_STATES = Object.keys(INBOX_STATE_TABLE) as InboxState[];

function statesWhere(test: (facts: InboxStateFacts) => boolean): InboxState[] {
  return INBOX_STATES.filter((state) => test(INBOX_STATE_TABLE[state]));
}

export const PENDING_STATES = statesWhere((facts) => facts.pending);
export const FINAL_STATES = statesWhere((facts) => !facts.pending);
export const RETRYABLE_STATES = statesWhere((facts) => facts.retryable);
export const EVENT_LOG_TAB_STATES = statesWhere((facts) => facts.logTab);
export const REPARKED_BY_UNLINK_STATES = statesWhere((facts) => facts.reparkedByUnlink);
export const PRUNABLE_STATES = statesWhere((facts) => facts.prunable);

/** States come from the database as text; a row written by a newer version may hold one this version does not know. */
export function isInboxState(state: string): state is InboxState {
  return Object.hasOwn(INBOX_STATE_TABLE, state);
}

export function isRetryable(state: string): boolean {
  return isInboxState(state) && INBOX_STATE_TABLE[state].retryable;
}

export function inboxStateTone(state: InboxState): BadgeTone {
  return INBOX_STATE_TABLE[state].tone;
}
