// The inbox on Prisma: the durable insert the webhook answers after, the rejection counters,
// and the lease-based claiming the worker relies on. The SQL here is written once for both
// engines (quoted identifiers, INSERT … ON CONFLICT), so SQLite and PostgreSQL behave alike.
import { Prisma } from "@prisma/client";
import { prisma, type Database } from "../db.server";
import type { WakilniEvent } from "../wakilni/event";
import { eventTombstones } from "../settings/sealing.server";
import { STORED_EVENT_SELECT, storedEventColumns, wakilniEventFromColumns } from "./stored-event";
import type { EventUpdate, InboxStore, PendingEvent, WaybillKey } from "./worker";

export const PENDING_STATES = ["received", "processing", "parked"] as const;

export interface ReceivedDelivery {
  shop: string;
  event: WakilniEvent;
  rawBody: string;
  wakilniZone: string;
  headers: { webhookId: string | null; deliveryId: string | null; attemptNumber: number | null; source: string | null };
  receivedAt: Date;
}

/**
 * Stores an accepted event once per shop and event_id; a repeat only counts the delivery, and
 * the replay of an event a customer redaction removed (it left a tombstone) is answered as a
 * duplicate and stored nowhere. Resolves after the write is committed (and, with SQLite's
 * synchronous=FULL or PostgreSQL's synchronous_commit, on disk). The webhook's hot path: two
 * raw statements in one transaction instead of Prisma's nested create, which costs about twice
 * the time in its query compiler; the tombstone check rides in the insert itself.
 */
export async function storeReceivedEvent(received: ReceivedDelivery): Promise<"stored" | "duplicate"> {
  const { shop, event, receivedAt, headers } = received;
  const columns = storedEventColumns(event);
  const state = event.topic ? "received" : "unsupported";
  const detail = state === "unsupported" ? `unknown topic "${event.topicName}"` : null;
  const tombstones = Prisma.join(eventTombstones.candidates(shop, event.eventId));
  const [rows] = await prisma.$transaction([
    prisma.$queryRaw<{ deliveryCount: number | bigint }[]>(Prisma.sql`
      INSERT INTO "InboxEvent" ("shop", "eventId", "topic", "topicName", "waybill", "wakilniOrderId",
        "newStatusCode", "newStatus", "previousStatusCode", "previousStatus", "occurredAtText", "occurredAt",
        "timestampText", "driverName", "driverPhone", "pickupOfficeName", "pickupPhone",
        "wakilniZone", "rawBody", "webhookId", "deliveryId", "attemptNumber", "source",
        "receivedAt", "lastReceivedAt", "deliveryCount", "state", "attempts", "nextAttemptAt")
      SELECT ${shop}, ${columns.eventId}, ${columns.topic}, ${columns.topicName}, ${columns.waybill}, ${columns.wakilniOrderId},
        ${columns.newStatusCode}, ${columns.newStatus}, ${columns.previousStatusCode},
        ${columns.previousStatus}, ${columns.occurredAtText}, ${columns.occurredAt}, ${columns.timestampText},
        ${columns.driverName}, ${columns.driverPhone}, ${columns.pickupOfficeName}, ${columns.pickupPhone},
        ${received.wakilniZone}, ${received.rawBody}, ${headers.webhookId}, ${headers.deliveryId}, ${headers.attemptNumber},
        ${headers.source}, ${receivedAt}, ${receivedAt}, 1, ${state}, 0, ${receivedAt}
      WHERE NOT EXISTS (SELECT 1 FROM "RedactedEventTombstone" WHERE "digest" IN (${tombstones}))
      ON CONFLICT ("shop", "eventId") DO UPDATE
      SET "deliveryCount" = "InboxEvent"."deliveryCount" + 1, "lastReceivedAt" = excluded."lastReceivedAt"
      RETURNING "deliveryCount"`),
    // The first delivery's "received" transition; a repeat finds it there and adds none.
    prisma.$executeRaw`
      INSERT INTO "InboxEventTransition" ("inboxEventId", "state", "at", "detail")
      SELECT e."id", e."state", ${receivedAt}, ${detail}
      FROM "InboxEvent" e
      WHERE e."shop" = ${shop} AND e."eventId" = ${event.eventId}
        AND NOT EXISTS (SELECT 1 FROM "InboxEventTransition" t WHERE t."inboxEventId" = e."id")`,
  ]);
  // No row back: a tombstone kept the insert from happening.
  return rows.length === 1 && Number(rows[0].deliveryCount) === 1 ? "stored" : "duplicate";
}

function hourStart(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);
}

/** Counts a rejected request for the settings page; nothing of the request itself is kept. */
export async function countRejection(shop: string, reason: string, at: Date): Promise<void> {
  await prisma.$executeRaw`
    INSERT INTO "WebhookRejection" ("shop", "reason", "hourStart", "count", "lastAt")
    VALUES (${shop}, ${reason}, ${hourStart(at)}, 1, ${at})
    ON CONFLICT ("shop", "reason", "hourStart")
    DO UPDATE SET "count" = "WebhookRejection"."count" + 1, "lastAt" = excluded."lastAt"`;
}

/** Rejections of the last 24 hours by reason, newest first; older hours are deleted. */
export async function recentRejections(shop: string, now: Date) {
  const since = new Date(now.getTime() - 24 * 3_600_000);
  await prisma.webhookRejection.deleteMany({ where: { shop, hourStart: { lt: hourStart(since) } } });
  const rows = await prisma.webhookRejection.groupBy({
    by: ["reason"],
    where: { shop, hourStart: { gte: hourStart(since) } },
    _sum: { count: true },
    _max: { lastAt: true },
  });
  return rows
    .map((row) => ({ reason: row.reason, count: row._sum.count ?? 0, lastAt: row._max.lastAt as Date }))
    .sort((a, b) => b.lastAt.getTime() - a.lastAt.getTime());
}

const pendingStates = Prisma.join([...PENDING_STATES]);

/** The worker's view of the inbox in `db` (each app instance has its own client). */
export function createInboxStore(db: Database): InboxStore {
  return {
    async dueWaybills(now, limit) {
      // Built with Prisma.sql: fragments nested straight into $queryRaw's template are not
      // recognised by the PostgreSQL client, whose runtime classes differ from the SQLite one's.
      const rows = await db.$queryRaw<WaybillKey[]>(Prisma.sql`
      SELECT e."shop", e."waybill"
      FROM "InboxEvent" e
      WHERE e."state" IN (${pendingStates}) AND e."nextAttemptAt" <= ${now}
        AND NOT EXISTS (
          SELECT 1 FROM "WaybillLease" l
          WHERE l."shop" = e."shop" AND l."waybill" = e."waybill" AND l."expiresAt" > ${now})
      GROUP BY e."shop", e."waybill"
      ORDER BY MIN(e."nextAttemptAt")
      LIMIT ${limit}`);
      return rows.map((row) => ({ shop: row.shop, waybill: row.waybill }));
    },

    async claim(key, owner, now, leaseMs) {
      const claimed = await db.$executeRaw`
      INSERT INTO "WaybillLease" ("shop", "waybill", "owner", "expiresAt")
      VALUES (${key.shop}, ${key.waybill}, ${owner}, ${new Date(now.getTime() + leaseMs)})
      ON CONFLICT ("shop", "waybill") DO UPDATE
      SET "owner" = excluded."owner", "expiresAt" = excluded."expiresAt"
      WHERE "WaybillLease"."expiresAt" <= ${now} OR "WaybillLease"."owner" = excluded."owner"`;
      return claimed === 1;
    },

    async startBatch(key, owner, now, limit) {
      return db.$transaction(async (tx) => {
        const events = await tx.inboxEvent.findMany({
          where: { shop: key.shop, waybill: key.waybill, state: { in: [...PENDING_STATES] } },
          orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
          take: limit,
          select: { ...STORED_EVENT_SELECT, id: true, attempts: true, parkedSince: true, state: true },
        });
        if (events.length === 0) return [];
        const ids = events.map((event) => event.id);
        await tx.inboxEvent.updateMany({ where: { id: { in: ids } }, data: { state: "processing", leaseOwner: owner } });
        await tx.inboxEventTransition.createMany({
          data: events.map((event) => ({
            inboxEventId: event.id,
            state: "processing",
            at: now,
            detail: event.state === "processing" ? "picked up again after an expired lease" : null,
          })),
        });
        return events.map(({ id, attempts, parkedSince, state, ...columns }): PendingEvent => ({
          id,
          attempts,
          parkedSince,
          previouslyAttempted: attempts > 0 || state === "processing",
          wakilniEvent: wakilniEventFromColumns(columns),
        }));
      });
    },

    async renew(key, owner, now, leaseMs) {
      const renewed = await db.waybillLease.updateMany({
        where: { shop: key.shop, waybill: key.waybill, owner },
        data: { expiresAt: new Date(now.getTime() + leaseMs) },
      });
      return renewed.count === 1;
    },

    async finish(key, owner, updates, now) {
      return db.$transaction(async (tx) => {
        // Touching the lease row first locks it (PostgreSQL) and proves we still hold it.
        const held = await tx.waybillLease.updateMany({
          where: { shop: key.shop, waybill: key.waybill, owner },
          data: { owner },
        });
        if (held.count !== 1) return false;
        for (const update of updates) await tx.inboxEvent.update({ where: { id: update.id }, data: eventData(update, now) });
        await tx.inboxEventTransition.createMany({
          data: updates.map((update) => ({ inboxEventId: update.id, state: update.state, at: now, detail: transitionDetail(update) })),
        });
        return true;
      });
    },

    async release(key, owner) {
      await db.waybillLease.deleteMany({ where: { shop: key.shop, waybill: key.waybill, owner } });
    },
  };
}

export const prismaInboxStore = createInboxStore(prisma);

function eventData(update: EventUpdate, now: Date): Prisma.InboxEventUpdateInput {
  const common = { state: update.state, leaseOwner: null };
  switch (update.state) {
    case "applied":
      return { ...common, attempts: { increment: 1 }, lastError: null, finishedAt: now };
    case "failed":
    case "dead":
      return { ...common, attempts: { increment: 1 }, lastError: update.error, finishedAt: now };
    case "received":
      return { ...common, attempts: { increment: 1 }, lastError: update.error, nextAttemptAt: update.nextAttemptAt };
    case "parked":
      return {
        ...common,
        attempts: { increment: 1 },
        lastError: update.reason,
        nextAttemptAt: update.nextAttemptAt,
        parkedSince: update.parkedSince,
      };
  }
}

function transitionDetail(update: EventUpdate): string | null {
  switch (update.state) {
    case "applied":
      return update.detail;
    case "failed":
    case "dead":
    case "received":
      return update.error;
    case "parked":
      return update.reason;
  }
}
