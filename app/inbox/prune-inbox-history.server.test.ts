// Retention on the real database (SQLite by default, PostgreSQL with TEST_DATABASE=postgres): only
// final, prunable events finished before the cut lose their body and transitions; their columns,
// and every pending, parked, failed or dead event, stay whole.
import { describe, expect, it } from "vitest";
import { prisma } from "../db.server";
import { storeEvent, wakilniEvent } from "../../sandbox/inbox-events";
import { uniqueShop } from "../../tests/helpers/shopify";
import { pruneInboxHistory } from "./inbox-store.server";
import type { InboxState } from "./inbox-states";

const NOW = new Date("2026-12-01T12:00:00Z");
const CUT = new Date("2026-11-01T12:00:00Z");

async function eventIn(shop: string, state: InboxState, finishedAt: Date | null, waybill: string) {
  const stored = await storeEvent(shop, wakilniEvent({ topic: "assigned", waybill, occurredAt: new Date("2026-10-20T10:00:00Z") }));
  await prisma.inboxEvent.update({ where: { id: stored.id }, data: { state, finishedAt } });
  await prisma.inboxEventTransition.create({ data: { inboxEventId: stored.id, state, at: finishedAt ?? NOW } });
  return stored.id;
}

describe("pruneInboxHistory", () => {
  it("prunes applied and unsupported events finished before the cut, and nothing else", async () => {
    const shop = uniqueShop();
    const old = new Date("2026-10-25T00:00:00Z");
    const recent = new Date("2026-11-20T00:00:00Z");
    const prunable = [await eventIn(shop, "applied", old, "W1"), await eventIn(shop, "unsupported", old, "W2")];
    const kept = [
      await eventIn(shop, "applied", recent, "W3"),
      await eventIn(shop, "failed", old, "W4"),
      await eventIn(shop, "dead", old, "W5"),
      await eventIn(shop, "parked", null, "W6"),
      await eventIn(shop, "received", null, "W7"),
    ];

    expect(await pruneInboxHistory(CUT, NOW, 100)).toBe(2);

    const rows = await prisma.inboxEvent.findMany({ where: { shop }, include: { transitions: true }, orderBy: { id: "asc" } });
    for (const row of rows.filter((row) => prunable.includes(row.id))) {
      expect(row.rawBody).toBe("");
      expect(row.prunedAt).toEqual(NOW);
      expect(row.transitions).toEqual([]);
      expect(row.waybill).toMatch(/^W[12]$/);
      expect(row.eventId).not.toBe("");
    }
    for (const row of rows.filter((row) => kept.includes(row.id))) {
      expect(row.rawBody).not.toBe("");
      expect(row.prunedAt).toBeNull();
      expect(row.transitions.length).toBeGreaterThan(0);
    }
    expect(await pruneInboxHistory(CUT, NOW, 100)).toBe(0);
  });

  it("takes at most `limit` events per call, oldest first", async () => {
    const shop = uniqueShop();
    const ids = [];
    for (let day = 1; day <= 5; day++) ids.push(await eventIn(shop, "applied", new Date(`2026-10-0${day}T00:00:00Z`), `L${day}`));
    // Other tests' events are older than the cut as well: count only this shop's.
    await pruneInboxHistory(new Date("2026-10-01T00:00:00Z"), NOW, 1000);
    expect(await pruneInboxHistory(new Date("2026-10-03T12:00:00Z"), NOW, 2)).toBe(2);
    const pruned = await prisma.inboxEvent.findMany({ where: { shop, prunedAt: { not: null } }, select: { id: true } });
    expect(pruned.map((row) => row.id).sort()).toEqual(ids.slice(0, 2).sort());
  });
});
