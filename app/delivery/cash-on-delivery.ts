// Cash on delivery: when Wakilni hands a parcel over, the driver takes the buyer's cash, so an
// order still waiting for a cash-on-delivery payment can be marked paid in Shopify. This module
// decides, from the order's payment as Shopify reports it right now, whether to mark it; the
// engine reads that payment before every mark (docs/decisions/015), so an order paid meanwhile,
// by hand or by an unanswered earlier attempt, is left alone. Pure: no Shopify, no clock.
import { WAKILNI_STATUSES } from "../wakilni/statuses";
import type { WakilniTopic } from "../wakilni/topics";

/** The order's payment, as the engine reads it from Shopify (DeliveryOrderPayment). */
export interface OrderPayment {
  displayFinancialStatus: string | null;
  canMarkAsPaid: boolean;
  gatewayNames: string[];
  /** What the buyer still owes, in the shop's currency (a decimal string, as Shopify's Money). */
  outstanding: { amount: string; currencyCode: string };
  transactions: { gateway: string | null; kind: string; status: string; manual: boolean }[];
}

export type CashDecision =
  | { kind: "mark"; gateway: string; amount: string; currencyCode: string }
  | { kind: "leave"; reason: "not_cod" | "already_paid" | "not_payable" };

/**
 * Names a merchant gives a manual cash-on-delivery method: Shopify's own "Cash on Delivery (COD)",
 * and the usual English, French and Arabic wordings of custom manual methods. A bank deposit or a
 * money order is manual too, but a delivery says nothing about that money arriving.
 */
const COD_NAME =
  /cash\s*on\s*delivery|\bc\.?o\.?d\b|paiement\s+(?:à|a)\s+la\s+livraison|contre[-\s]remboursement|الدفع\s+عند\s+(?:الاستلام|التسليم)/iu;

export function isCashOnDeliveryName(name: string): boolean {
  return COD_NAME.test(name);
}

/** Financial statuses in which the buyer still owes money the driver collects. */
const AWAITING_PAYMENT = new Set(["PENDING", "PARTIALLY_PAID"]);

/** The Wakilni statuses that hand the parcel to the buyer: the one whose Shopify event is DELIVERED. */
export function handsParcelOver(topic: WakilniTopic): boolean {
  return WAKILNI_STATUSES[topic].fulfillmentEvent?.status === "DELIVERED";
}

/**
 * The order's cash-on-delivery gateway, or null. The transactions tell: a manual gateway with a
 * COD name. An order without any transaction yet falls back to its gateway names.
 */
export function cashOnDeliveryGateway(payment: OrderPayment): string | null {
  const manual = payment.transactions.find(
    (transaction) => transaction.manual && transaction.gateway && isCashOnDeliveryName(transaction.gateway),
  );
  if (manual?.gateway) return manual.gateway;
  if (payment.transactions.length > 0) return null;
  return payment.gatewayNames.find(isCashOnDeliveryName) ?? null;
}

export function cashDecision(payment: OrderPayment): CashDecision {
  const gateway = cashOnDeliveryGateway(payment);
  if (!gateway) return { kind: "leave", reason: "not_cod" };
  if (!AWAITING_PAYMENT.has(payment.displayFinancialStatus ?? "")) return { kind: "leave", reason: "already_paid" };
  if (!payment.canMarkAsPaid || !(Number(payment.outstanding.amount) > 0)) return { kind: "leave", reason: "not_payable" };
  return { kind: "mark", gateway, amount: payment.outstanding.amount, currencyCode: payment.outstanding.currencyCode };
}
