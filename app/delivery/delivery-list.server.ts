// The deliveries list's reads on Prisma: one page of a filter (delivery-filters.ts), the counts
// on its tabs, the rows of a CSV export read page by page, and the merchant's bulk Retry. Every
// query starts with the shop and sorts on an indexed column (see the Delivery model), and reads
// the same on SQLite and PostgreSQL: only a case-insensitive search needs to be asked for
// differently (SQLite's LIKE already ignores ASCII case; PostgreSQL needs `mode`).
import type { Prisma } from "@prisma/client";
import { prisma } from "../db.server";
import { env } from "../env.server";
import { FINAL_STATES, RETRYABLE_STATES } from "../inbox/inbox-states";
import { inboxSignal } from "../inbox/inbox-signal.server";
import { requeueForRetry } from "../inbox/inbox-store.server";
import { attentionReason, type AttentionReason } from "./attention";
import { DEFAULT_DELIVERY_SORT, dayRange, type DeliveryFilters, type DeliverySort } from "./delivery-filters";

/** Events the worker gave up on or Shopify refused: the waybill's changes did not reach the order. */
const APPLY_FAILED_STATES = RETRYABLE_STATES.filter((state) => FINAL_STATES.includes(state));

const ORDER_BY: Record<DeliverySort, Prisma.DeliveryOrderByWithRelationInput[]> = {
  "last-event-desc": [{ lastEventAt: { sort: "desc", nulls: "last" } }, { id: "desc" }],
  "last-event-asc": [{ lastEventAt: { sort: "asc", nulls: "last" } }, { id: "asc" }],
  // Oldest first: the delivery the app has known longest.
  "age-desc": [{ createdAt: "asc" }, { id: "asc" }],
  "age-asc": [{ createdAt: "desc" }, { id: "desc" }],
};

const LIST_COLUMNS = {
  id: true,
  waybill: true,
  orderId: true,
  orderName: true,
  status: true,
  needsAttention: true,
  lastEventAt: true,
  createdAt: true,
  driverName: true,
  driverPhone: true,
  trackingUrl: true,
  parkedReason: true,
  attentionResolvedAt: true,
  attentionResolvedBy: true,
} satisfies Prisma.DeliverySelect;

type ListedDelivery = Prisma.DeliveryGetPayload<{ select: typeof LIST_COLUMNS }>;
export type DeliveryRow = ListedDelivery & { reason: AttentionReason | null };

/**
 * A substring filter. PostgreSQL's LIKE takes a backslash escape, so a "%" or "_" in the search
 * is searched for as itself; SQLite's LIKE has no escape without an ESCAPE clause Prisma cannot
 * write, so there they stay wildcards and the search finds a few rows too many, never too few.
 * (The SQLite client's types have no `mode`; the PostgreSQL client, which runs it there, does.)
 */
function containsText(text: string): Prisma.StringFilter<"Delivery"> {
  if (env.DATABASE_ENGINE !== "postgres") return { contains: text };
  return { contains: text.replace(/[\\%_]/g, "\\$&"), mode: "insensitive" } as Prisma.StringFilter<"Delivery">;
}

/**
 * The shop's waybills with an event that failed to apply since the merchant last resolved the
 * delivery's attention. Few by nature (a failure is rare and retried or resolved), so read whole.
 */
async function failingWaybills(shop: string): Promise<Map<string, Date | null>> {
  const failing = await prisma.inboxEvent.groupBy({
    by: ["waybill"],
    where: { shop, state: { in: APPLY_FAILED_STATES } },
    _max: { finishedAt: true },
  });
  if (failing.length === 0) return new Map();
  const resolved = await prisma.delivery.findMany({
    where: { shop, waybill: { in: failing.map((row) => row.waybill) }, attentionResolvedAt: { not: null } },
    select: { waybill: true, attentionResolvedAt: true },
  });
  const resolvedAt = new Map(resolved.map((row) => [row.waybill, row.attentionResolvedAt!]));
  return new Map(
    failing
      .filter((row) => {
        const at = resolvedAt.get(row.waybill);
        return !at || !row._max.finishedAt || row._max.finishedAt > at;
      })
      .map((row) => [row.waybill, row._max.finishedAt]),
  );
}

/** The list's filters, or for a bulk action on selected rows, only those rows. */
export type DeliverySelection = DeliveryFilters & { ids?: number[] };

interface Context {
  timeZone: string;
  failing: ReadonlyMap<string, Date | null>;
}

/** The rows a filter selects; `attention` covers the Needs attention flag and failures to apply. */
function deliveryWhere(shop: string, filters: DeliverySelection, context: Context): Prisma.DeliveryWhereInput {
  const and: Prisma.DeliveryWhereInput[] = [];
  if (filters.ids) and.push({ id: { in: filters.ids } });
  if (filters.query) {
    const text = containsText(filters.query);
    and.push({ OR: [{ waybill: text }, { orderName: text }, { driverName: text }] });
  }
  if (filters.statuses) and.push({ status: { in: filters.statuses } });
  if (filters.attention) {
    const failing = [...context.failing.keys()];
    and.push(failing.length ? { OR: [{ needsAttention: true }, { waybill: { in: failing } }] } : { needsAttention: true });
  }
  if (filters.match) and.push({ orderId: filters.match === "matched" ? { not: null } : null });
  const range = dayRange(filters, context.timeZone);
  if (range.gte || range.lt) and.push({ lastEventAt: range });
  return { shop, AND: and };
}

function withReason(row: ListedDelivery, failing: ReadonlyMap<string, Date | null>): DeliveryRow {
  return { ...row, reason: attentionReason({ ...row, applyFailed: failing.has(row.waybill) }) };
}

export interface DeliveryListPage {
  rows: DeliveryRow[];
  hasNext: boolean;
  /** Under the same search, statuses and dates: every delivery, those needing attention, the unmatched. */
  counts: { all: number; attention: number; unmatched: number };
}

/** One page of the list and the counts on its tabs. */
export async function listDeliveries(
  shop: string,
  filters: DeliveryFilters,
  page: { skip: number; take: number },
  timeZone: string,
): Promise<DeliveryListPage> {
  const context = { timeZone, failing: await failingWaybills(shop) };
  const untabbed = { ...filters, attention: undefined, match: undefined };
  const [rows, all, attention, unmatched] = await Promise.all([
    prisma.delivery.findMany({
      where: deliveryWhere(shop, filters, context),
      orderBy: ORDER_BY[filters.sort ?? DEFAULT_DELIVERY_SORT],
      skip: page.skip,
      take: page.take + 1,
      select: LIST_COLUMNS,
    }),
    prisma.delivery.count({ where: deliveryWhere(shop, untabbed, context) }),
    prisma.delivery.count({ where: deliveryWhere(shop, { ...untabbed, attention: true }, context) }),
    prisma.delivery.count({ where: deliveryWhere(shop, { ...untabbed, match: "unmatched" }, context) }),
  ]);
  return {
    rows: rows.slice(0, page.take).map((row) => withReason(row, context.failing)),
    hasNext: rows.length > page.take,
    counts: { all, attention, unmatched },
  };
}

/** How many rows an export of this filter will have: the download's progress bar needs it. */
export async function countDeliveries(shop: string, filters: DeliverySelection, timeZone: string): Promise<number> {
  return prisma.delivery.count({ where: deliveryWhere(shop, filters, { timeZone, failing: await failingWaybills(shop) }) });
}

export const EXPORT_PAGE_SIZE = 500;

/**
 * Every row of a filter, a page at a time, in the order the deliveries were first seen: a keyset
 * on the id, so each page is one indexed read however deep the export goes, and only one page
 * is in memory at a time.
 */
export async function* exportDeliveries(
  shop: string,
  filters: DeliverySelection,
  timeZone: string,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<DeliveryRow[]> {
  const context = { timeZone, failing: await failingWaybills(shop) };
  const where = deliveryWhere(shop, filters, context);
  let after = 0;
  for (;;) {
    const rows = await prisma.delivery.findMany({
      where: { AND: [where, { id: { gt: after } }] },
      orderBy: { id: "asc" },
      take: pageSize,
      select: LIST_COLUMNS,
    });
    if (rows.length === 0) return;
    yield rows.map((row) => withReason(row, context.failing));
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1].id;
  }
}

/** The bulk Retry: every event of these deliveries the merchant may retry goes back to the worker. */
export async function retryDeliveries(shop: string, deliveryIds: number[], now: Date): Promise<{ retried: number }> {
  const deliveries = await prisma.delivery.findMany({ where: { shop, id: { in: deliveryIds } }, select: { waybill: true } });
  if (deliveries.length === 0) return { retried: 0 };
  const events = await prisma.inboxEvent.findMany({
    where: { shop, waybill: { in: deliveries.map((delivery) => delivery.waybill) }, state: { in: RETRYABLE_STATES } },
    select: { id: true },
  });
  let retried = 0;
  for (const event of events) if ((await requeueForRetry(shop, event.id, now)).ok) retried += 1;
  if (retried > 0) inboxSignal.notify();
  return { retried };
}
