// Reads the cash the app recorded as collected (docs/decisions/015) for the overview's daily figure.
import type { Database } from "../db.server";
import { cashPerDay, type CashDay } from "./cash-per-day";

export async function cashCollectedPerDay(db: Database, shop: string, since: Date, timeZone: string): Promise<CashDay[]> {
  const rows = await db.delivery.findMany({
    where: { shop, cashCollectedAt: { gte: since }, cashCollectedAmount: { not: null } },
    select: { cashCollectedAmount: true, cashCollectedCurrency: true, cashCollectedAt: true },
  });
  return cashPerDay(
    rows.map((row) => ({
      amount: row.cashCollectedAmount!,
      currencyCode: row.cashCollectedCurrency ?? "",
      collectedAt: row.cashCollectedAt!,
    })),
    timeZone,
  );
}
