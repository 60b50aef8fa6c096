// The same Wakilni status change brought at the same moment by a webhook and by reconciliation
// (decision 021): both stores check "already stored from the other origin?" inside their insert,
// and on PostgreSQL (read committed) two such inserts running at once could each miss the
// other's uncommitted row and both store the change, which the worker would then apply twice.
// The per-waybill advisory lock storeReceivedEvents takes first makes the second insert wait for
// the first's commit. On SQLite every write transaction begins IMMEDIATE (db.server.ts) and so
// already runs one at a time: the test passes there without the lock, and guards that it stays so.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "../db.server";
import { wakilniBody, wakilniEvent } from "../../sandbox/inbox-events";
import { uniqueShop } from "../../tests/helpers/shopify";
import { createBarrier } from "../../tests/helpers/barrier";
import { storeReceivedEvents, type EventOrigin, type ReceivedWebhook } from "./inbox-store.server";

const ROUNDS = 200;
const occurredAt = new Date("2026-07-01T11:39:10Z");
const receivedAt = new Date("2026-07-01T12:00:00Z");

/** The change "waybill completed at occurredAt" as one origin brings it (its own event id). */
function change(shop: string, waybill: string, origin: EventOrigin): ReceivedWebhook {
  const event = wakilniEvent({ eventId: `${origin}-${randomUUID()}`, topic: "completed", waybill, occurredAt });
  return {
    shop,
    origin,
    event,
    rawBody: wakilniBody(event),
    wakilniZone: "UTC",
    headers: { webhookId: null, wakilniRequestId: null, attemptNumber: null, source: null },
    receivedAt,
  };
}

describe("a webhook and its reconciled twin stored at the same moment", () => {
  it(`store the change once, in each of ${ROUNDS} races`, async () => {
    const shop = uniqueShop();
    const barrier = createBarrier(2);
    const party = async (origin: EventOrigin) => {
      for (let round = 0; round < ROUNDS; round += 1) {
        await barrier.meet();
        await storeReceivedEvents([change(shop, `W${round}`, origin)]);
      }
    };
    await Promise.all([party("webhook"), party("reconciliation")]);

    const perWaybill = await prisma.inboxEvent.groupBy({ by: ["waybill"], where: { shop }, _count: { _all: true } });
    const doubles = perWaybill.filter((row) => row._count._all > 1).length;
    expect(perWaybill).toHaveLength(ROUNDS);
    expect(doubles).toBe(0);
  }, 120_000);
});
