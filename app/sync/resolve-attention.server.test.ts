// Resolving attention end to end: the real Admin client against the Shopify Admin emulator.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "../db.server";
import { prismaInboxStore } from "../inbox/inbox-store.server";
import { ResolveError, resolveAttention, staffMember } from "./resolve-attention.server";
import { AdminGraphqlClient } from "./admin-graphql.server";
import { AdminShopifyGateway } from "./shopify-gateway.server";
import { startEmulator, stopEmulator, syncShop } from "../../tests/helpers/sync-harness";

beforeAll(async () => {
  await startEmulator();
});
afterAll(stopEmulator);

const LINE = [{ title: "Cedar soap", quantity: 1 }];
const gateway = new AdminShopifyGateway(new AdminGraphqlClient({ timeoutMs: 2_000 }));
const NOW = new Date("2026-11-28T13:00:00Z");

async function failedAttempt() {
  const harness = await syncShop();
  harness.emulator.store.createOrder(harness.shop, { lineItems: LINE });
  await harness.send("assigned", "#1001", "2026-11-28T09:00:00Z");
  await harness.send("failed", "#1001", "2026-11-28T10:00:00Z");
  await harness.drain();
  const delivery = await prisma.delivery.findUniqueOrThrow({ where: { shop_waybill: { shop: harness.shop, waybill: "#1001" } } });
  return { harness, delivery };
}

describe("resolveAttention", () => {
  it("removes the Needs attention tag from the order, keeps the status tag, and records who and when", async () => {
    const { harness, delivery } = await failedAttempt();
    expect(harness.order("#1001").tags).toContain("Wakilni: Needs attention");

    expect(await resolveAttention(harness.shop, delivery.id, "Rania Haddad", NOW, gateway)).toEqual({
      waybill: "#1001",
      orderName: "#1001",
    });

    const tags = harness.order("#1001").tags;
    expect(tags).not.toContain("Wakilni: Needs attention");
    expect(tags).toContain("Wakilni: Failed attempt");
    const after = await prisma.delivery.findUniqueOrThrow({ where: { id: delivery.id }, include: { timeline: true } });
    expect(after).toMatchObject({ needsAttention: false, attentionResolvedAt: NOW, attentionResolvedBy: "Rania Haddad" });
    expect(after.timeline.at(-1)).toMatchObject({
      outcome: "note",
      messageKey: "attentionResolved",
      messageValues: JSON.stringify({ by: "Rania Haddad" }),
      recordedAt: NOW,
    });
  });

  it("changes nothing for an unmatched waybill, another shop's delivery, or a waybill the worker holds", async () => {
    const { harness, delivery } = await failedAttempt();
    await harness.send("created", "NO-ORDER", "2026-11-28T09:00:00Z");
    await harness.drain();
    const unmatched = await prisma.delivery.findUniqueOrThrow({ where: { shop_waybill: { shop: harness.shop, waybill: "NO-ORDER" } } });

    await expect(resolveAttention(harness.shop, unmatched.id, "Rania", NOW, gateway)).rejects.toThrow(/not linked to an order/);
    await expect(resolveAttention("other-shop.myshopify.com", delivery.id, "Rania", NOW, gateway)).rejects.toBeInstanceOf(ResolveError);
    expect(await prismaInboxStore.claim({ shop: harness.shop, waybill: "#1001" }, "busy-worker", NOW, 60_000)).toBe(true);
    await expect(resolveAttention(harness.shop, delivery.id, "Rania", NOW, gateway)).rejects.toThrow(/being synced/);
    await prismaInboxStore.release({ shop: harness.shop, waybill: "#1001" }, "busy-worker");

    expect(harness.order("#1001").tags).toContain("Wakilni: Needs attention");
    expect(await prisma.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
      needsAttention: true,
      attentionResolvedAt: null,
    });
  });
});

describe("staffMember", () => {
  it("names the staff member of an online session, else the token's user, else staff", () => {
    expect(staffMember({ session: { onlineAccessInfo: { associated_user: { first_name: "Rania", last_name: "Haddad" } } } })).toBe(
      "Rania Haddad",
    );
    expect(staffMember({ session: { onlineAccessInfo: { associated_user: { email: "r@example.com" } } } })).toBe("r@example.com");
    expect(staffMember({ session: {}, sessionToken: { sub: "42" } })).toBe("staff #42");
    expect(staffMember({ session: {} })).toBe("staff");
  });
});
