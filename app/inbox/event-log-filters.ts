// The event log's URL is its state, as the deliveries list's is (delivery-filters.ts, whose
// parameter readers it shares): the state tab (`view`), a search (`q`), Wakilni statuses
// (`status`) and the days the events were received (`from`, `to`, in the shop's zone). This module
// is the one place that reads and writes those parameters. Pure.
import { calendarDayParam, MAX_QUERY_LENGTH, statusesFromParam } from "../delivery/delivery-filters";
import type { WakilniTopic } from "../wakilni/topics";

export interface EventLogFilters {
  /** A waybill (substring), an event id (Wakilni's or the app's) or a Shopify order name. */
  query?: string;
  statuses?: WakilniTopic[];
  /** YYYY-MM-DD in the shop's zone, on the time the app received the event, inclusive. */
  from?: string;
  /** YYYY-MM-DD in the shop's zone, on the time the app received the event, inclusive. */
  to?: string;
}

/** What the URL asks for; what the app does not understand is left out, as for the deliveries list. */
export function parseEventLogFilters(params: URLSearchParams): EventLogFilters {
  const filters: EventLogFilters = {};
  const query = params.get("q")?.trim().slice(0, MAX_QUERY_LENGTH).trim();
  if (query) filters.query = query;
  const statuses = statusesFromParam(params.get("status"));
  if (statuses) filters.statuses = statuses;
  const from = calendarDayParam(params, "from");
  if (from) filters.from = from;
  const to = calendarDayParam(params, "to");
  if (to) filters.to = to;
  return filters;
}

/** The changes to the URL's parameters that show these filters (null removes one); the tab and page are the caller's. */
export function eventLogFilterParams(filters: EventLogFilters): Record<"q" | "status" | "from" | "to", string | null> {
  return {
    q: filters.query?.trim() || null,
    status: filters.statuses?.length ? filters.statuses.join(",") : null,
    from: filters.from ?? null,
    to: filters.to ?? null,
  };
}
