// Builds a delivery's timeline (the model of order-timeline.ts) from what is stored: the sync
// engine's timeline entries and the inbox events. Each inbox event is one step, dated and ordered
// by Wakilni's time whatever order it arrived or was processed in, with every entry recorded
// about it folded inside; an entry tied to no event (a link, an unlink, a row from before the
// engine tied its notes to events) is a step of its own at the time it was recorded. Pure, so
// every arrival order, retry and undo can be tested without a database.
import type { TimelineAction, TimelineInbox, TimelineStep, TimelineText, TimelineValue } from "./order-timeline";

/** A TimelineEntry row, as the pages select it. */
export interface StoredTimelineEntry {
  id: number;
  inboxEventId: number | null;
  topic: string | null;
  outcome: string;
  messageKey: string | null;
  /** JSON object of the message's values (see timeline-messages.ts). */
  messageValues: string | null;
  /** The English sentence of a row stored before message keys. */
  message: string | null;
  occurredAt: Date | null;
  recordedAt: Date;
  undoneAt: Date | null;
}

/** An InboxEvent row, as the pages select it. */
export interface StoredInboxEvent {
  id: number;
  topic: string | null;
  topicName: string;
  occurredAt: Date;
  receivedAt: Date;
  state: string;
  attempts: number;
  receiptCount: number;
  lastError: string | null;
  /** lastError as a message (see timeline-messages.ts); null on rows from before and the operator's own. */
  lastErrorKey: string | null;
  lastErrorValues: string | null;
}

function isValue(value: unknown): value is TimelineValue {
  return typeof value === "string" || (Array.isArray(value) && value.every((item) => typeof item === "string"));
}

/** The stored values, keeping only what a message can hold: a damaged column shows the text's placeholders, not an error page. */
export function parseMessageValues(json: string | null): Record<string, TimelineValue> {
  if (!json) return {};
  try {
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter(([, value]) => isValue(value)));
  } catch {
    return {};
  }
}

export function storedText(entry: Pick<StoredTimelineEntry, "messageKey" | "messageValues" | "message">): TimelineText {
  return inboxText(entry.messageKey, entry.messageValues, entry.message) ?? { text: "" };
}

/** A stored message, or the English text a row from before message keys holds; null when there is neither. */
export function inboxText(messageKey: string | null, messageValues: string | null, english: string | null): TimelineText | null {
  if (messageKey) return { key: messageKey, values: parseMessageValues(messageValues) };
  return english === null ? null : { text: english };
}

function actionOf(entry: StoredTimelineEntry): TimelineAction {
  return {
    outcome: entry.outcome,
    message: storedText(entry),
    recordedAt: entry.recordedAt.toISOString(),
    undoneAt: entry.undoneAt?.toISOString() ?? null,
  };
}

function byRecording(a: StoredTimelineEntry, b: StoredTimelineEntry): number {
  return a.recordedAt.getTime() - b.recordedAt.getTime() || a.id - b.id;
}

/** The step's outcome, message and undone flag from its actions (oldest first). */
function conclusion(actions: readonly TimelineAction[]): Pick<TimelineStep, "outcome" | "undone" | "message"> {
  // The engine's notes inform; the outcomes decide.
  const decisive = actions.filter((action) => action.outcome !== "note");
  const standing = decisive.filter((action) => action.undoneAt === null);
  const last = standing.at(-1) ?? decisive.at(-1);
  if (!last) return { outcome: null, undone: false, message: null };
  return { outcome: last.outcome, undone: last.undoneAt !== null, message: last.message };
}

function inboxOf(event: StoredInboxEvent): TimelineInbox {
  return {
    state: event.state,
    attempts: event.attempts,
    receiptCount: event.receiptCount,
    lastError: inboxText(event.lastErrorKey, event.lastErrorValues, event.lastError),
    receivedAt: event.receivedAt.toISOString(),
  };
}

/**
 * Newest first by Wakilni's time (a note by its recording time); events Wakilni dated alike
 * keep the inbox's order, newest arrival first, and at one instant the app's note comes before
 * (above) the event it followed.
 */
function newestFirst(a: TimelineStep, b: TimelineStep): number {
  const byTime = Date.parse(b.at) - Date.parse(a.at);
  if (byTime !== 0) return byTime;
  if (a.kind !== b.kind) return a.kind === "note" ? -1 : 1;
  return Number(b.id.slice(b.id.indexOf("-") + 1)) - Number(a.id.slice(a.id.indexOf("-") + 1));
}

export function buildTimeline(entries: readonly StoredTimelineEntry[], events: readonly StoredInboxEvent[]): TimelineStep[] {
  const byEvent = new Map<number, StoredTimelineEntry[]>();
  const notes: StoredTimelineEntry[] = [];
  for (const entry of entries) {
    if (entry.inboxEventId === null) notes.push(entry);
    else byEvent.set(entry.inboxEventId, [...(byEvent.get(entry.inboxEventId) ?? []), entry]);
  }

  const steps: TimelineStep[] = events.map((event) => {
    const actions = (byEvent.get(event.id) ?? []).sort(byRecording).map(actionOf);
    byEvent.delete(event.id);
    return {
      id: `event-${event.id}`,
      kind: "event",
      inboxEventId: event.id,
      topic: event.topic ?? event.topicName,
      occurredAt: event.occurredAt.toISOString(),
      at: event.occurredAt.toISOString(),
      ...conclusion(actions),
      actions,
      inbox: inboxOf(event),
    };
  });

  // Entries of events the inbox no longer holds (redacted, or beyond the page's limit): the entries still date them.
  for (const [inboxEventId, own] of byEvent) {
    const sorted = own.sort(byRecording);
    const dated = sorted.find((entry) => entry.occurredAt !== null);
    const at = (dated?.occurredAt ?? sorted[0].recordedAt).toISOString();
    const actions = sorted.map(actionOf);
    steps.push({
      id: `event-${inboxEventId}`,
      kind: "event",
      inboxEventId,
      topic: sorted.find((entry) => entry.topic !== null)?.topic ?? null,
      occurredAt: dated?.occurredAt?.toISOString() ?? null,
      at,
      ...conclusion(actions),
      actions,
      inbox: null,
    });
  }

  for (const note of notes) {
    const action = actionOf(note);
    steps.push({
      id: `note-${note.id}`,
      kind: "note",
      inboxEventId: null,
      topic: null,
      occurredAt: null,
      at: action.recordedAt,
      outcome: note.outcome,
      // A link an unlink later took back.
      undone: note.undoneAt !== null,
      message: action.message,
      actions: [action],
      inbox: null,
    });
  }
  return steps.sort(newestFirst);
}
