// An order's money as Shopify derives it from the order's transactions: the amount received and
// outstanding, the financial status the admin shows, whether it can be marked paid; and
// orderMarkAsPaid, which records a sale for the outstanding amount and refuses an order that is
// paid, cancelled or owes nothing. Amounts are exact: decimal strings, summed in cents.
import type { UserError } from "./fulfillments";
import { parseGid, type OrderRecord, type TransactionRecord } from "./model";
import type { ShopData } from "./shop-data";

export function cents(amount: string): number {
  if (!/^-?\d+(\.\d{1,2})?$/.test(amount)) throw new Error(`emulator: bad amount ${amount}`);
  return Math.round(Number(amount) * 100);
}

export function decimal(amountInCents: number): string {
  return (amountInCents / 100).toFixed(2);
}

export function totalPrice(order: OrderRecord): number {
  return order.lineItems.reduce((sum, line) => sum + cents(line.price) * line.quantity, 0);
}

function succeeded(order: OrderRecord, kinds: TransactionRecord["kind"][]): number {
  return order.transactions
    .filter((transaction) => transaction.status === "SUCCESS" && kinds.includes(transaction.kind))
    .reduce((sum, transaction) => sum + cents(transaction.amount), 0);
}

export function received(order: OrderRecord): number {
  return succeeded(order, ["SALE", "CAPTURE"]) - succeeded(order, ["REFUND"]);
}

export function outstanding(order: OrderRecord): number {
  return totalPrice(order) - received(order);
}

export function displayFinancialStatus(order: OrderRecord): string {
  const paid = received(order);
  const refunded = succeeded(order, ["REFUND"]);
  if (refunded > 0) return paid <= 0 ? "REFUNDED" : "PARTIALLY_REFUNDED";
  if (paid >= totalPrice(order)) return "PAID";
  if (paid > 0) return "PARTIALLY_PAID";
  if (succeeded(order, ["AUTHORIZATION"]) > 0) return "AUTHORIZED";
  return "PENDING";
}

export function canMarkAsPaid(order: OrderRecord): boolean {
  return order.cancelledAt === null && displayFinancialStatus(order) !== "PAID" && outstanding(order) > 0;
}

export function newTransaction(
  shop: ShopData,
  parts: Pick<TransactionRecord, "kind" | "status" | "gateway" | "manual" | "amount">,
): TransactionRecord {
  const at = shop.timestamp();
  return { id: `gid://shopify/OrderTransaction/${shop.newId()}`, createdAt: at, processedAt: at, ...parts };
}

export function markAsPaid(shop: ShopData, id: string): { order: OrderRecord | null; userErrors: UserError[] } {
  const order = parseGid(id)?.type === "Order" ? shop.order(id) : undefined;
  if (!order) return { order: null, userErrors: [{ field: ["id"], message: "Order does not exist" }] };
  if (!canMarkAsPaid(order)) return { order: null, userErrors: [{ field: ["id"], message: "Order cannot be marked as paid." }] };
  // The sale goes through the manual method the buyer chose; without one Shopify records "manual".
  const gateway = order.transactions.find((transaction) => transaction.manual)?.gateway ?? "manual";
  order.transactions.push(
    newTransaction(shop, { kind: "SALE", status: "SUCCESS", gateway, manual: true, amount: decimal(outstanding(order)) }),
  );
  order.updatedAt = shop.timestamp();
  return { order, userErrors: [] };
}
