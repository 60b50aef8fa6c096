// An order's payment as Shopify derives it (financial status, outstanding amount, transactions),
// orderMarkAsPaid and its refusals, and flowTriggerReceive checked against the app's declared
// flow_trigger extension, with every accepted call recorded.
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SHOP, startTestEmulator, type TestEmulator } from "../../tests/helpers/admin-emulator";
import {
  NEEDS_ATTENTION_FIELDS,
  NEEDS_ATTENTION_TRIGGER,
  STATUS_CHANGED_FIELDS,
  STATUS_CHANGED_TRIGGER,
} from "../../app/delivery/flow-trigger";
import { declaredFlowTriggers } from "./flow-triggers";

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(() => t.emulator.close());

const PAYMENT = `query ($id: ID!) { order(id: $id) { displayFinancialStatus canMarkAsPaid paymentGatewayNames
  totalOutstandingSet { shopMoney { amount currencyCode } }
  transactions(first: 5) { kind status gateway manualPaymentGateway amountSet { shopMoney { amount } } } } }`;
const MARK = `mutation ($id: ID!) { orderMarkAsPaid(input: { id: $id }) { order { id displayFinancialStatus } userErrors { field message } } }`;
const TRIGGER = `mutation ($handle: String, $payload: JSON) { flowTriggerReceive(handle: $handle, payload: $payload) { userErrors { field message } } }`;

const lines = [
  { title: "Soap", quantity: 2, price: "12.50" },
  { title: "Oil", quantity: 1, price: "5.00" },
];

async function payment(id: string) {
  return (await t.gql(PAYMENT, { id })).body.data.order;
}

describe("an order's payment", () => {
  it("is a pending cash-on-delivery sale for the order's total by default", async () => {
    const order = t.emulator.store.createOrder(SHOP, { lineItems: lines });
    expect(await payment(order.id)).toEqual({
      displayFinancialStatus: "PENDING",
      canMarkAsPaid: true,
      paymentGatewayNames: ["Cash on Delivery (COD)"],
      totalOutstandingSet: { shopMoney: { amount: "30.00", currencyCode: "USD" } },
      transactions: [
        {
          kind: "SALE",
          status: "PENDING",
          gateway: "Cash on Delivery (COD)",
          manualPaymentGateway: true,
          amountSet: { shopMoney: { amount: "30.00" } },
        },
      ],
    });
  });

  it("is marked paid once: a sale for the outstanding amount through the buyer's manual method, then a user error", async () => {
    const order = t.emulator.store.createOrder(SHOP, { lineItems: lines });
    const first = await t.gql(MARK, { id: order.id });
    expect(first.body.data.orderMarkAsPaid).toEqual({ order: { id: order.id, displayFinancialStatus: "PAID" }, userErrors: [] });
    const after = await payment(order.id);
    expect(after).toMatchObject({
      displayFinancialStatus: "PAID",
      canMarkAsPaid: false,
      totalOutstandingSet: { shopMoney: { amount: "0.00" } },
    });
    expect(after.transactions[1]).toEqual({
      kind: "SALE",
      status: "SUCCESS",
      gateway: "Cash on Delivery (COD)",
      manualPaymentGateway: true,
      amountSet: { shopMoney: { amount: "30.00" } },
    });
    const second = await t.gql(MARK, { id: order.id });
    expect(second.body.data.orderMarkAsPaid).toEqual({
      order: null,
      userErrors: [{ field: ["id"], message: "Order cannot be marked as paid." }],
    });
    expect(t.emulator.store.getOrder(SHOP, order.id)!.transactions).toHaveLength(2);
  });

  it("refuses a card-paid order, a cancelled order and an unknown one", async () => {
    const card = t.emulator.store.createOrder(SHOP, { lineItems: lines, payment: { gateway: "shopify_payments", paid: true } });
    expect(await payment(card.id)).toMatchObject({
      displayFinancialStatus: "PAID",
      canMarkAsPaid: false,
      paymentGatewayNames: ["shopify_payments"],
    });
    const cancelled = t.emulator.store.createOrder(SHOP, { lineItems: lines, cancelled: true });
    for (const id of [card.id, cancelled.id])
      expect((await t.gql(MARK, { id })).body.data.orderMarkAsPaid.userErrors).toEqual([
        { field: ["id"], message: "Order cannot be marked as paid." },
      ]);
    expect((await t.gql(MARK, { id: "gid://shopify/Order/1" })).body.data.orderMarkAsPaid.userErrors).toEqual([
      { field: ["id"], message: "Order does not exist" },
    ]);
  });
});

function statusPayload(orderId: string, overrides: Record<string, unknown> = {}) {
  const fields = Object.fromEntries(
    Object.values(STATUS_CHANGED_FIELDS).map((field) => [field.key, field.type === "boolean" ? false : "x"]),
  );
  return { order_id: Number(orderId.split("/").pop()), ...fields, ...overrides };
}

describe("flowTriggerReceive", () => {
  it.each([
    [STATUS_CHANGED_TRIGGER, STATUS_CHANGED_FIELDS],
    [NEEDS_ATTENTION_TRIGGER, NEEDS_ATTENTION_FIELDS],
  ] as const)("reads the app's flow_trigger extension %s as the app declares its fields", (handle, declared) => {
    const fields = declaredFlowTriggers().get(handle);
    expect(fields).toEqual([
      { type: "order_reference", key: null },
      ...Object.values(declared).map((field) => ({ type: field.type, key: field.key })),
    ]);
  });

  it("accepts a payload with exactly the declared fields and records it", async () => {
    const order = t.emulator.store.createOrder(SHOP, { lineItems: lines });
    const payload = statusPayload(order.id, { "Needs attention": true });
    const { body } = await t.gql(TRIGGER, { handle: STATUS_CHANGED_TRIGGER, payload });
    expect(body.data.flowTriggerReceive).toEqual({ userErrors: [] });
    expect(t.emulator.store.flowTriggers(SHOP).at(-1)).toEqual({
      handle: STATUS_CHANGED_TRIGGER,
      payload,
      receivedAt: "2026-11-28T10:00:00Z",
    });
    const control = await fetch(`${t.emulator.origin}/_emulator/flow-triggers?shop=${SHOP}`);
    expect((await control.json()).at(-1).payload).toEqual(payload);
  });

  it.each([
    ["an unknown handle", { handle: "nope" }, [{ field: ["handle"], message: "Invalid handle: nope" }]],
    ["a missing field", { drop: "Waybill" }, [{ field: ["payload", "Waybill"], message: "Missing field: Waybill" }]],
    ["an undeclared field", { add: { Colour: "red" } }, [{ field: ["payload", "Colour"], message: "Unknown field: Colour" }]],
    [
      "a text where a boolean is declared",
      { add: { "Needs attention": "yes" } },
      [{ field: ["payload", "Needs attention"], message: "Needs attention must be a boolean" }],
    ],
    [
      "an order of another shop",
      { add: { order_id: 1 } },
      [{ field: ["payload", "order_id"], message: "order_id is not an order of this shop" }],
    ],
  ] as const)("refuses %s and records nothing", async (_name, change, userErrors) => {
    const order = t.emulator.store.createOrder(SHOP, { lineItems: lines });
    const payload: Record<string, unknown> = statusPayload(order.id, "add" in change ? change.add : {});
    if ("drop" in change) delete payload[change.drop];
    const before = t.emulator.store.flowTriggers(SHOP).length;
    const { body } = await t.gql(TRIGGER, { handle: "handle" in change ? change.handle : STATUS_CHANGED_TRIGGER, payload });
    expect(body.data.flowTriggerReceive.userErrors).toEqual(userErrors);
    expect(t.emulator.store.flowTriggers(SHOP)).toHaveLength(before);
  });

  it("finds only flow_trigger extensions, by handle", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "extensions-"));
    mkdirSync(path.join(dir, "block"));
    writeFileSync(path.join(dir, "block", "shopify.extension.toml"), '[[extensions]]\ntype = "ui_extension"\nhandle = "block"\n');
    mkdirSync(path.join(dir, "trigger"));
    writeFileSync(
      path.join(dir, "trigger", "shopify.extension.toml"),
      '[[extensions]]\nname = "T"\ntype = "flow_trigger"\nhandle = "t"\n\n[settings]\n  [[settings.fields]]\n  type = "customer_reference"\n  [[settings.fields]]\n  type = "url"\n  key = "Link"\n',
    );
    expect([...declaredFlowTriggers(dir)]).toEqual([
      [
        "t",
        [
          { type: "customer_reference", key: null },
          { type: "url", key: "Link" },
        ],
      ],
    ]);
  });
});
