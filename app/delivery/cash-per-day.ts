// Cash Wakilni collected per day, for the overview: the deliveries whose cash-on-delivery order the
// app marked paid, summed per day in the shop's time zone and per currency. Amounts are Shopify's
// decimal strings, summed exactly in thousandths (no currency has more decimals). Pure.

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

function thousandths(amount: string): number {
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

export function dayInZone(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** One row per day and currency that has cash, oldest day first. */
export function cashPerDay(rows: readonly CashRow[], timeZone: string): CashDay[] {
  const days = new Map<string, CashDay & { total: number }>();
  for (const row of rows) {
    const day = dayInZone(row.collectedAt, timeZone);
    const key = `${day} ${row.currencyCode}`;
    const current = days.get(key) ?? { day, currencyCode: row.currencyCode, amount: "", orders: 0, total: 0 };
    current.total += thousandths(row.amount);
    current.orders += 1;
    days.set(key, current);
  }
  return [...days.values()]
    .sort((a, b) => a.day.localeCompare(b.day) || a.currencyCode.localeCompare(b.currencyCode))
    .map(({ total, ...day }) => ({ ...day, amount: decimalOf(total) }));
}
