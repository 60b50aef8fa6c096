// The event log's URL is its state, as the deliveries list's is (delivery-filters.ts, whose
// parameter readers it shares): the state tab (`view`), a search (`q`), Wakilni statuses
// (`status`) and the days the events were received (`from`, `to`, in the shop's zone). This module
// is the one place that reads and writes those parameters. Pure.
import { parseSharedListFilters, type SharedListFilters } from "../delivery/delivery-filters";

/** A search (a waybill substring, an event id — Wakilni's or the app's — or a Shopify order name), statuses, days received. */
export type EventLogFilters = SharedListFilters;

/** What the URL asks for; what the app does not understand is left out, as for the deliveries list. */
export const parseEventLogFilters = parseSharedListFilters;

/** The changes to the URL's parameters that show these filters (null removes one); the tab and page are the caller's. */
export function eventLogFilterParams(filters: EventLogFilters): Record<"q" | "status" | "from" | "to", string | null> {
  return {
    q: filters.query?.trim() || null,
    status: filters.statuses?.length ? filters.statuses.join(",") : null,
    from: filters.from ?? null,
    to: filters.to ?? null,
  };
}
