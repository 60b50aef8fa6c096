// The deliveries list's URL is its state: a filtered view can be bookmarked, shared and reached
// with the back button. This module is the one place that reads and writes that URL, so the list,
// the overview's links into it, the CSV export and the tests agree on every parameter.
// Pure: imports only the Wakilni status table and its time-zone arithmetic.
import { ALL_TOPICS, type WakilniTopic } from "../wakilni/topics";
import { parseWakilniLocalTime } from "../wakilni/local-time";

export const DELIVERY_SORTS = ["last-event-desc", "last-event-asc", "age-desc", "age-asc"] as const;
export type DeliverySort = (typeof DELIVERY_SORTS)[number];
export const DEFAULT_DELIVERY_SORT: DeliverySort = "last-event-desc";

export interface DeliveryFilters {
  /** Waybill, order name or number, or driver name (substring, case-insensitive). */
  query?: string;
  /** The delivery's current Wakilni status is one of these. */
  statuses?: WakilniTopic[];
  /** Only deliveries a merchant should look at. */
  attention?: boolean;
  match?: "matched" | "unmatched";
  /** YYYY-MM-DD in the shop's zone, on the last Wakilni event time, inclusive. */
  from?: string;
  /** YYYY-MM-DD in the shop's zone, on the last Wakilni event time, inclusive. */
  to?: string;
  sort?: DeliverySort;
}

export const DELIVERIES_PATH = "/app/deliveries";

/** Longer searches are cut: nothing the app stores is longer, and the value goes into a LIKE. */
export const MAX_QUERY_LENGTH = 100;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD (not 2026-02-30). */
export function isCalendarDay(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The filters both long lists read from their URL (the deliveries list here, the event log in event-log-filters.ts). */
export interface SharedListFilters {
  query?: string;
  statuses?: WakilniTopic[];
  from?: string;
  to?: string;
}

/**
 * `q`, `status` (comma-separated, known Wakilni statuses in the table's order) and `from`/`to`
 * (real calendar days) as a URL gives them; what the app does not understand is left out.
 */
export function parseSharedListFilters(params: URLSearchParams): SharedListFilters {
  const filters: SharedListFilters = {};
  const query = params.get("q")?.trim().slice(0, MAX_QUERY_LENGTH).trim();
  if (query) filters.query = query;
  const asked = new Set((params.get("status") ?? "").split(",").map((code) => code.trim()));
  const statuses = ALL_TOPICS.filter((topic) => asked.has(topic));
  if (statuses.length > 0) filters.statuses = statuses;
  for (const name of ["from", "to"] as const) {
    const day = params.get(name);
    if (day && isCalendarDay(day)) filters[name] = day;
  }
  return filters;
}

/**
 * The filters a URL asks for. A value the app does not understand (an unknown status, a date that
 * does not exist, a sort it has no name for) is left out rather than refused: a hand-edited or
 * outdated link still opens the list, showing what the filters that remain select.
 */
export function parseDeliveryFilters(params: URLSearchParams): DeliveryFilters {
  const filters: DeliveryFilters = parseSharedListFilters(params);
  if (params.get("attention") === "1") filters.attention = true;
  const match = params.get("match");
  if (match === "matched" || match === "unmatched") filters.match = match;
  const sort = params.get("sort");
  if (sort && (DELIVERY_SORTS as readonly string[]).includes(sort)) filters.sort = sort as DeliverySort;
  return filters;
}

/** The URL's search part for these filters, without "?"; parameters in a fixed order, defaults left out. */
export function deliveryFiltersSearch(filters: DeliveryFilters): string {
  const params = new URLSearchParams();
  const query = filters.query?.trim();
  if (query) params.set("q", query);
  const statuses = ALL_TOPICS.filter((topic) => filters.statuses?.includes(topic));
  if (statuses.length > 0) params.set("status", statuses.join(","));
  if (filters.attention) params.set("attention", "1");
  if (filters.match) params.set("match", filters.match);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (filters.sort && filters.sort !== DEFAULT_DELIVERY_SORT) params.set("sort", filters.sort);
  return params.toString();
}

/** The deliveries list showing these filters: "/app/deliveries?…". */
export function deliveriesHref(filters: DeliveryFilters): string {
  const search = deliveryFiltersSearch(filters);
  return search ? `${DELIVERIES_PATH}?${search}` : DELIVERIES_PATH;
}

/**
 * The instants a day range covers (the deliveries' last Wakilni event, the event log's receipt):
 * from the start of `from` up to (not including) the start of the day after `to`, both in the shop's zone.
 */
export function dayRange(filters: { from?: string; to?: string }, timeZone: string): { gte?: Date; lt?: Date } {
  const range: { gte?: Date; lt?: Date } = {};
  if (filters.from) range.gte = startOfDay(filters.from, timeZone);
  if (filters.to) range.lt = startOfDay(nextDay(filters.to), timeZone);
  return range;
}

function startOfDay(day: string, timeZone: string): Date {
  const start = parseWakilniLocalTime(`${day} 00:00:00`, timeZone);
  // Only reachable with a day isCalendarDay refused, which parseDeliveryFilters never lets through.
  if (!start) throw new Error(`Not a calendar day: ${day}`);
  return start;
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}
