import { describe, expect, it } from "vitest";
import { ALL_TOPICS } from "../wakilni/topics";
import { cashDecision, cashOnDeliveryGateway, handsParcelOver, isCashOnDeliveryName, type OrderPayment } from "./cash-on-delivery";

const COD = "Cash on Delivery (COD)";

function payment(overrides: Partial<OrderPayment> = {}): OrderPayment {
  return {
    displayFinancialStatus: "PENDING",
    canMarkAsPaid: true,
    gatewayNames: [COD],
    outstanding: { amount: "25.00", currencyCode: "USD" },
    transactions: [{ gateway: COD, kind: "SALE", status: "PENDING", manual: true }],
    ...overrides,
  };
}

describe("cash on delivery", () => {
  it("is collected only when the parcel is handed over", () => {
    expect(ALL_TOPICS.filter(handsParcelOver)).toEqual(["completed"]);
  });

  it.each([COD, "Cash on delivery", "COD", "Paiement à la livraison", "Contre-remboursement", "الدفع عند الاستلام"])(
    "recognises %j",
    (name) => {
      expect(isCashOnDeliveryName(name)).toBe(true);
    },
  );

  it.each(["Bank Deposit", "Money Order", "shopify_payments", "manual", "Codes promo"])("does not take %j for cash on delivery", (name) => {
    expect(isCashOnDeliveryName(name)).toBe(false);
  });

  it("needs a manual gateway when there are transactions, and falls back to the gateway names without", () => {
    expect(cashOnDeliveryGateway(payment())).toBe(COD);
    expect(cashOnDeliveryGateway(payment({ transactions: [{ gateway: COD, kind: "SALE", status: "PENDING", manual: false }] }))).toBeNull();
    expect(cashOnDeliveryGateway(payment({ transactions: [] }))).toBe(COD);
    expect(cashOnDeliveryGateway(payment({ transactions: [], gatewayNames: ["Bank Deposit"] }))).toBeNull();
  });

  it("marks a pending or partly paid COD order for what is outstanding", () => {
    expect(cashDecision(payment())).toEqual({ kind: "mark", gateway: COD, amount: "25.00", currencyCode: "USD" });
    expect(
      cashDecision(payment({ displayFinancialStatus: "PARTIALLY_PAID", outstanding: { amount: "5.0", currencyCode: "LBP" } })),
    ).toEqual({
      kind: "mark",
      gateway: COD,
      amount: "5.0",
      currencyCode: "LBP",
    });
  });

  it.each([
    [
      "a card payment",
      payment({
        gatewayNames: ["shopify_payments"],
        transactions: [{ gateway: "shopify_payments", kind: "SALE", status: "SUCCESS", manual: false }],
      }),
      "not_cod",
    ],
    ["an order already paid", payment({ displayFinancialStatus: "PAID", canMarkAsPaid: false }), "already_paid"],
    ["a refunded order", payment({ displayFinancialStatus: "REFUNDED" }), "already_paid"],
    ["an order Shopify cannot mark", payment({ canMarkAsPaid: false }), "not_payable"],
    ["nothing outstanding", payment({ outstanding: { amount: "0.0", currencyCode: "USD" } }), "not_payable"],
  ] as const)("leaves %s alone", (_name, input, reason) => {
    expect(cashDecision(input)).toEqual({ kind: "leave", reason });
  });
});
