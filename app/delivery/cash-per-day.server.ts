// Reads the cash the app recorded as collected (docs/decisions/015) for the overview's daily figure,
// from the rollup's per-day sums (CashDay, docs/decisions/026): call ensureOutcomeDays
// (app/overview/overview-rollup.server.ts) for the shop first.
import type { Database } from "../db.server";
import { cashDays, type CashDay } from "./cash-per-day";

/** The local days fromDate to toDate (YYYY-MM-DD, both included). */
export async function cashCollectedPerDay(db: Database, shop: string, fromDate: string, toDate: string): Promise<CashDay[]> {
  const rows = await db.cashDay.findMany({
    where: { shop, date: { gte: fromDate, lte: toDate } },
    select: { date: true, currencyCode: true, thousandths: true, orders: true },
  });
  return cashDays(
    rows.map((row) => ({ day: row.date, currencyCode: row.currencyCode, thousandths: Number(row.thousandths), orders: row.orders })),
  );
}
