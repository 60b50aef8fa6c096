// What the event log page reads: a page of the shop's events matching the merchant's filters (a
// search for a waybill, an event id — Wakilni's or the app's — or a Shopify order name; Wakilni
// statuses; the days received) in one state or all, the totals per state for its tabs, and what the app last recorded about each event, so an
// event skipped as stale reads as skipped, not as applied.
import type { Prisma } from "@prisma/client";
import { prisma } from "../db.server";
import { dayRange } from "../delivery/delivery-filters";
import { listShopEvents, latestTimelineOutcomes } from "./inbox-store.server";
import type { InboxState } from "./inbox-states";
import type { EventLogFilters } from "./event-log-filters";

/** The events a search names; an empty search names them all. */
async function searchFilter(shop: string, search: string): Promise<Prisma.InboxEventWhereInput> {
  const query = search.trim();
  if (query === "") return {};
  const byOrder = await prisma.delivery.findMany({
    where: { shop, OR: [{ orderName: query }, { orderName: `#${query.replace(/^#/, "")}` }] },
    select: { waybill: true },
  });
  const inboxId = /^\d+$/.test(query) && Number.isSafeInteger(Number(query)) ? Number(query) : null;
  return {
    OR: [
      { waybill: { contains: query } },
      { eventId: query },
      ...(inboxId !== null ? [{ id: inboxId }] : []),
      ...(byOrder.length ? [{ waybill: { in: byOrder.map((delivery) => delivery.waybill) } }] : []),
    ],
  };
}

async function eventFilter(shop: string, filters: EventLogFilters, timeZone: string): Promise<Prisma.InboxEventWhereInput> {
  const received = dayRange(filters, timeZone);
  return {
    ...(await searchFilter(shop, filters.query ?? "")),
    ...(filters.statuses ? { topic: { in: filters.statuses } } : {}),
    ...(received.gte || received.lt ? { receivedAt: received } : {}),
  };
}

export async function eventLogPage(
  shop: string,
  options: { state?: InboxState; filters: EventLogFilters; timeZone: string; skip: number; take: number },
) {
  const matching = await eventFilter(shop, options.filters, options.timeZone);
  const [rows, totals] = await Promise.all([
    listShopEvents(shop, { state: options.state, skip: options.skip, take: options.take, where: matching }),
    prisma.inboxEvent.groupBy({ by: ["state"], where: { shop, ...matching }, _count: { _all: true } }),
  ]);
  const outcomes = await latestTimelineOutcomes(rows.map((row) => row.id));
  return {
    rows: rows.map((row) => ({ ...row, outcome: outcomes.get(row.id) ?? null })),
    totals: Object.fromEntries(totals.map((total) => [total.state, total._count._all])) as Partial<Record<string, number>>,
  };
}
