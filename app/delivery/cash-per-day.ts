// Cash Wakilni collected per day, for the overview: the deliveries whose cash-on-delivery order the
// app marked paid, summed per day in the shop's time zone and per currency. Amounts are Shopify's
// decimal strings, summed exactly in thousandths (no currency has more decimals); the sums are kept
// by the overview's rollup (CashDay, docs/decisions/026) and turned back into decimals here. Pure.
import { localDate } from "../overview/periods";

export interface CashRow {
  amount: string;
  currencyCode: string;
  collectedAt: Date;
}

export interface CashDay {
  /** YYYY-MM-DD in the shop's zone. */
  day: string;
  currencyCode: string;
  amount: string;
  orders: number;
}

const SCALE = 1000;

export function thousandths(amount: string): number {
  if (!/^\d+(\.\d{1,3})?$/.test(amount)) throw new RangeError(`not a positive decimal amount: ${amount}`);
  const [whole, fraction = ""] = amount.split(".");
  return Number(whole) * SCALE + Number(fraction.padEnd(3, "0"));
}

function decimalOf(value: number): string {
  const fraction = String(value % SCALE)
    .padStart(3, "0")
    .replace(/0$/, "");
  return `${Math.floor(value / SCALE)}.${fraction.length < 2 ? fraction.padEnd(2, "0") : fraction}`;
}

/** A day's cash in one currency, in thousandths: what the rollup keeps. */
export interface CashSum {
  day: string;
  currencyCode: string;
  thousandths: number;
  orders: number;
}

/** The rows summed per day in the zone and per currency, in no order. */
export function cashSums(rows: readonly CashRow[], timeZone: string): CashSum[] {
  const days = new Map<string, CashSum>();
  for (const row of rows) {
    const day = localDate(row.collectedAt, timeZone);
    const key = `${day} ${row.currencyCode}`;
    const current = days.get(key) ?? { day, currencyCode: row.currencyCode, thousandths: 0, orders: 0 };
    current.thousandths += thousandths(row.amount);
    current.orders += 1;
    days.set(key, current);
  }
  return [...days.values()];
}

/** One row per day and currency that has cash, oldest day first, amounts as decimals. */
export function cashDays(sums: readonly CashSum[]): CashDay[] {
  return sums
    .filter((sum) => sum.orders > 0)
    .sort((a, b) => a.day.localeCompare(b.day) || a.currencyCode.localeCompare(b.currencyCode))
    .map(({ thousandths: total, ...day }) => ({ ...day, amount: decimalOf(total) }));
}

/** Per currency, the cash of the days fromDate to toDate (YYYY-MM-DD, both included). */
export function cashTotals(days: readonly CashDay[], fromDate: string, toDate: string): Omit<CashDay, "day">[] {
  const totals = new Map<string, { currencyCode: string; total: number; orders: number }>();
  for (const day of days) {
    if (day.day < fromDate || day.day > toDate) continue;
    const current = totals.get(day.currencyCode) ?? { currencyCode: day.currencyCode, total: 0, orders: 0 };
    current.total += thousandths(day.amount);
    current.orders += day.orders;
    totals.set(day.currencyCode, current);
  }
  return [...totals.values()]
    .sort((a, b) => a.currencyCode.localeCompare(b.currencyCode))
    .map(({ total, ...currency }) => ({ ...currency, amount: decimalOf(total) }));
}
