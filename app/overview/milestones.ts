// A delivery's milestones for the overview's time to deliver (docs/decisions/018): the earliest
// Wakilni time of its Created, Assigned and Delivered events, and the spans between them, kept
// on the delivery as its events are recorded so a period's figure reads one index range instead
// of searching each delivered parcel's events. Earliest wins, so a late, repeated or replayed
// event never moves a milestone forward, and recording the same events twice changes nothing.
import { OUTCOME_TOPICS, TIME_TO_DELIVER_CAP_HOURS, TIME_TO_DELIVER_FROM } from "./outcomes";
import { localDate } from "./periods";

export interface Milestones {
  createdEventAt: Date | null;
  assignedEventAt: Date | null;
  deliveredEventAt: Date | null;
}

export interface MilestoneColumns extends Milestones {
  /** Whole seconds from the milestone to the delivery; null when either is unknown or Wakilni dates the milestone after it. */
  secondsFromCreated: number | null;
  secondsFromAssigned: number | null;
}

const [CREATED, ASSIGNED] = TIME_TO_DELIVER_FROM;
const [DELIVERED] = OUTCOME_TOPICS.delivered;
const COLUMN_OF_TOPIC: Readonly<Record<string, keyof Milestones>> = {
  [CREATED]: "createdEventAt",
  [ASSIGNED]: "assignedEventAt",
  [DELIVERED]: "deliveredEventAt",
};

/** The milestone a TimeToDeliverDay row measures from, and the column of the span from it. */
export const SPAN_COLUMNS = { [CREATED]: "secondsFromCreated", [ASSIGNED]: "secondsFromAssigned" } as const;
export type SpanSince = keyof typeof SPAN_COLUMNS;

const HOUR_S = 3600;

/** The row of TimeToDeliverDay a span falls in. */
export function spanHour(seconds: number): number {
  return Math.min(Math.floor(seconds / HOUR_S), TIME_TO_DELIVER_CAP_HOURS);
}

/**
 * The TimeToDeliverDay rows a delivered parcel counts in (one parcel each): its delivery itself
 * (since Delivered, hour 0), and each known span. None before it is delivered.
 */
export function timeToDeliverRows(
  columns: Pick<MilestoneColumns, "deliveredEventAt" | "secondsFromCreated" | "secondsFromAssigned">,
  timeZone: string,
): { date: string; since: string; hour: number }[] {
  if (!columns.deliveredEventAt) return [];
  const date = localDate(columns.deliveredEventAt, timeZone);
  const rows = [{ date, since: DELIVERED as string, hour: 0 }];
  for (const [since, column] of Object.entries(SPAN_COLUMNS)) {
    const seconds = columns[column];
    if (seconds !== null) rows.push({ date, since, hour: spanHour(seconds) });
  }
  return rows;
}

function secondsUntil(delivered: Date | null, milestone: Date | null): number | null {
  if (!delivered || !milestone || milestone > delivered) return null;
  return Math.round((delivered.getTime() - milestone.getTime()) / 1000);
}

/** The milestones after these events; null when they change nothing. */
export function nextMilestones(
  current: Milestones,
  events: readonly { topic: string | null; occurredAt: Date | null }[],
): MilestoneColumns | null {
  const next: Milestones = {
    createdEventAt: current.createdEventAt,
    assignedEventAt: current.assignedEventAt,
    deliveredEventAt: current.deliveredEventAt,
  };
  let changed = false;
  for (const { topic, occurredAt } of events) {
    const column = topic === null ? undefined : COLUMN_OF_TOPIC[topic];
    if (!column || !occurredAt) continue;
    const known = next[column];
    if (known === null || occurredAt < known) {
      next[column] = occurredAt;
      changed = true;
    }
  }
  if (!changed) return null;
  return {
    ...next,
    secondsFromCreated: secondsUntil(next.deliveredEventAt, next.createdEventAt),
    secondsFromAssigned: secondsUntil(next.deliveredEventAt, next.assignedEventAt),
  };
}
