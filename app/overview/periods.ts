// The periods the overview's figures cover and the days its chart shows, as instants: a day is
// the shop's day (its Wakilni zone), so "today" starts at local midnight and a day that gains or
// loses an hour for DST is 25 or 23 hours long. The SQL compares stored instants with these
// boundaries, which keeps the zone arithmetic out of the two database engines.
import { parseWakilniLocalTime } from "../wakilni/local-time";

export const OVERVIEW_PERIODS = ["today", "7d", "30d"] as const;
export type OverviewPeriod = (typeof OVERVIEW_PERIODS)[number];

const PERIOD_DAYS: Readonly<Record<OverviewPeriod, number>> = { today: 1, "7d": 7, "30d": 30 };

/** The days the per-day chart covers: today and the 29 before it. */
export const CHART_DAYS = 30;

export function overviewPeriodFrom(value: string | null): OverviewPeriod {
  return (OVERVIEW_PERIODS as readonly string[]).includes(value ?? "") ? (value as OverviewPeriod) : "7d";
}

/** One local day: its date (YYYY-MM-DD, the shop's calendar) and the instants it spans. */
export interface LocalDay {
  date: string;
  start: Date;
  end: Date;
}

const calendarFormatters = new Map<string, Intl.DateTimeFormat>();

/** The shop's calendar date at an instant, as YYYY-MM-DD. */
export function localDate(instant: Date, timeZone: string): string {
  let formatter = calendarFormatters.get(timeZone);
  if (!formatter) {
    // en-CA writes dates as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    calendarFormatters.set(timeZone, formatter);
  }
  return formatter.format(instant);
}

function shiftDate(date: string, days: number): string {
  const [year, month, day] = date.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

function localMidnight(date: string, timeZone: string): Date {
  const instant = parseWakilniLocalTime(`${date} 00:00:00`, timeZone);
  if (!instant) throw new Error(`Not a calendar date: ${date}`);
  return instant;
}

function dayOfDate(date: string, timeZone: string): LocalDay {
  return { date, start: localMidnight(date, timeZone), end: localMidnight(shiftDate(date, 1), timeZone) };
}

/** The local day an instant falls on. */
export function localDayOf(instant: Date, timeZone: string): LocalDay {
  return dayOfDate(localDate(instant, timeZone), timeZone);
}

/** The last `count` local days up to and including today, oldest first. */
export function lastLocalDays(now: Date, timeZone: string, count: number): LocalDay[] {
  const today = localDate(now, timeZone);
  return Array.from({ length: count }, (_, index) => dayOfDate(shiftDate(today, index - count + 1), timeZone));
}

/** The instants a period covers: from local midnight of its first day to the end of today. */
export function periodRange(
  period: OverviewPeriod,
  now: Date,
  timeZone: string,
): { from: Date; to: Date; fromDate: string; toDate: string } {
  const days = lastLocalDays(now, timeZone, PERIOD_DAYS[period]);
  return { from: days[0].start, to: days[days.length - 1].end, fromDate: days[0].date, toDate: days[days.length - 1].date };
}
