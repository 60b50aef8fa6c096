// The inbox on Prisma: the durable insert the webhook answers after, the rejection counters,
// the lease-based claiming the worker relies on, the re-queues a person asks for, and the
// queries the pages and the operator's command line read events with. Every change of an
// event's state is written here, by a statement that checks the state it changes from, so a
// write decided on an earlier read cannot undo another's (the states: inbox-states.ts). The
// SQL here is written once for both engines (quoted identifiers, INSERT … ON CONFLICT), so
// SQLite and PostgreSQL behave alike. Two exceptions: PostgreSQL locks each waybill while storing
// (changeLocks), and retention names its index to SQLite (prunableCandidatesQuery).
import { createHash } from "node:crypto";
import { Prisma } from "@prisma/client";
import { prisma, type Database } from "../db.server";
import { env } from "../env.server";
import type { WakilniEvent } from "../wakilni/event";
import { timelineLogText, timelineMessage, type TimelineMessage } from "../delivery/timeline-messages";
import { eventTombstones } from "../settings/sealing.server";
import { STORED_EVENT_SELECT, storedEventColumns, wakilniEventFromColumns } from "./stored-event";
import { PENDING_STATES, PRUNABLE_STATES, REPARKED_BY_UNLINK_STATES, RETRYABLE_STATES, type InboxState } from "./inbox-states";
import { NEVER } from "./retry-policy";
import type { RetryResult } from "./manual-retry";
import type { EventUpdate, InboxStore, PendingEvent } from "./worker";

/** How the app learnt of an event: Wakilni's webhook, or Wakilni's API asked by reconciliation (decision 021). */
export type EventOrigin = "webhook" | "reconciliation";

/** One accepted webhook request (or one change reconciliation found): the event and the Wakilni headers worth keeping. */
export interface ReceivedWebhook {
  shop: string;
  /** "webhook" when absent. */
  origin?: EventOrigin;
  event: WakilniEvent;
  rawBody: string;
  wakilniZone: string;
  headers: { webhookId: string | null; wakilniRequestId: string | null; attemptNumber: number | null; source: string | null };
  receivedAt: Date;
}

/** How many other bodies are kept per event_id for the merchant to see; later ones are only counted. */
export const MAX_CONFLICTS_PER_EVENT = 5;

export type StoreOutcome = "stored" | "duplicate" | "conflict";

/**
 * Stores an accepted event once per shop and event_id; a repeat with the same body only counts
 * the receipt; a repeat with another body ("conflict") leaves the event as first received and
 * keeps the other body beside it (up to MAX_CONFLICTS_PER_EVENT distinct ones); and
 * the replay of an event a customer redaction removed (it left a tombstone) is answered as a
 * duplicate and stored nowhere. The same status change (topic and Wakilni time) already stored
 * from the other origin — a webhook after reconciliation found its change, or the reverse — is a
 * duplicate too, so no change is applied twice (decision 021). Resolves after the write is committed (and, with SQLite's
 * synchronous=FULL or PostgreSQL's synchronous_commit, on disk).
 */
export async function storeReceivedEvent(received: ReceivedWebhook): Promise<StoreOutcome> {
  const [outcome] = await storeReceivedEvents([received]);
  return outcome;
}

/**
 * storeReceivedEvent for several events in one transaction, so they share one commit (the
 * webhook's group commit, group-commit.ts); one outcome per event, in order. The events are
 * written one after the other, so a repeat within the batch is a duplicate or a conflict as if
 * it had come later. If any statement fails, nothing of the batch is stored. The webhook's hot
 * path: two raw statements per event instead of Prisma's nested create, which costs about twice
 * the time in its query compiler; the tombstone check rides in the insert itself.
 */
export async function storeReceivedEvents(batch: ReceivedWebhook[]): Promise<StoreOutcome[]> {
  const digests = batch.map((received) => createHash("sha256").update(received.rawBody).digest("hex"));
  const locks = env.DATABASE_ENGINE === "postgres" ? [changeLocks(batch)] : [];
  const statements = batch.flatMap((received, index) => insertStatements(received, digests[index]));
  const results = (await prisma.$transaction([...locks, ...statements])).slice(locks.length);
  const outcomes: StoreOutcome[] = [];
  for (const [index, received] of batch.entries()) {
    const rows = results[index * 2] as { receiptCount: number | bigint }[];
    if (rows.length === 1) {
      outcomes.push(Number(rows[0].receiptCount) === 1 ? "stored" : "duplicate");
      continue;
    }
    // No row back: a tombstone kept the insert from happening, or the event_id is taken by another body.
    const conflict = await keepConflictingBody(
      received.shop,
      received.event.eventId,
      digests[index],
      received.rawBody,
      received.receivedAt,
    );
    outcomes.push(conflict ? "conflict" : "duplicate");
  }
  return outcomes;
}

/**
 * PostgreSQL only: the transaction's advisory locks on the batch's (shop, waybill) pairs, taken
 * before any insert. Each insert refuses a change already stored from the other origin, but under
 * read committed two transactions storing the same change at once (a webhook, and reconciliation
 * in another instance) cannot see each other's uncommitted row and would both store it; with the
 * lock the second waits for the first's commit and its insert then sees the row. Taken in key
 * order, so two batches never wait on each other crosswise; released at commit. SQLite needs
 * none: its write transactions begin IMMEDIATE and run one at a time (db.server.ts).
 */
function changeLocks(batch: ReceivedWebhook[]) {
  const keys = [...new Set(batch.map((received) => waybillLockKey(received.shop, received.event.waybill)))].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return prisma.$queryRaw<unknown[]>(Prisma.sql`
    SELECT pg_advisory_xact_lock(u.k::bigint)::text AS "locked"
    FROM unnest(${keys.map(String)}::text[]) WITH ORDINALITY AS u(k, n)
    ORDER BY u.n`);
}

/** A signed 64-bit advisory lock key for one waybill of one shop (the first 8 bytes of a SHA-256). */
function waybillLockKey(shop: string, waybill: string): bigint {
  return createHash("sha256").update(`${shop}\n${waybill}`).digest().readBigInt64BE(0);
}

/** The insert of one received event (a row back unless refused) and its first transition. */
function insertStatements(received: ReceivedWebhook, bodyDigest: string) {
  const { shop, event, receivedAt, headers } = received;
  const origin: EventOrigin = received.origin ?? "webhook";
  const columns = storedEventColumns(event);
  const state: InboxState = event.topic ? "received" : "unsupported";
  const detail = state === "unsupported" ? `unknown topic "${event.topicName}"` : null;
  const message = state === "unsupported" ? messageColumns(timelineMessage("unsupported", { topicName: event.topicName })) : NO_MESSAGE;
  const tombstones = Prisma.join(eventTombstones.candidates(shop, event.eventId));
  return [
    prisma.$queryRaw<{ id: number; receiptCount: number | bigint; bodyDigest: string | null }[]>(Prisma.sql`
      INSERT INTO "InboxEvent" ("shop", "eventId", "topic", "topicName", "waybill", "wakilniOrderId",
        "newStatusCode", "newStatus", "previousStatusCode", "previousStatus", "occurredAtText", "occurredAt",
        "timestampText", "driverName", "driverPhone", "pickupOfficeName", "pickupPhone",
        "wakilniZone", "rawBody", "bodyDigest", "webhookId", "wakilniRequestId", "attemptNumber", "source",
        "receivedAt", "lastReceivedAt", "receiptCount", "state", "attempts", "nextAttemptAt", "origin")
      SELECT ${shop}, ${columns.eventId}, ${columns.topic}, ${columns.topicName}, ${columns.waybill}, ${columns.wakilniOrderId},
        ${columns.newStatusCode}, ${columns.newStatus}, ${columns.previousStatusCode},
        ${columns.previousStatus}, ${columns.occurredAtText}, ${columns.occurredAt}, ${columns.timestampText},
        ${columns.driverName}, ${columns.driverPhone}, ${columns.pickupOfficeName}, ${columns.pickupPhone},
        ${received.wakilniZone}, ${received.rawBody}, ${bodyDigest}, ${headers.webhookId}, ${headers.wakilniRequestId}, ${headers.attemptNumber},
        ${headers.source}, ${receivedAt}, ${receivedAt}, 1, ${state}, 0, ${receivedAt}, ${origin}
      WHERE NOT EXISTS (SELECT 1 FROM "RedactedEventTombstone" WHERE "digest" IN (${tombstones}))
        AND NOT EXISTS (SELECT 1 FROM "InboxEvent" t
          WHERE t."shop" = ${shop} AND t."waybill" = ${columns.waybill} AND t."topic" = ${columns.topic}
            AND t."occurredAt" = ${columns.occurredAt} AND t."origin" <> ${origin})
      ON CONFLICT ("shop", "eventId") DO UPDATE
      SET "receiptCount" = "InboxEvent"."receiptCount" + 1, "lastReceivedAt" = excluded."lastReceivedAt"
      WHERE "InboxEvent"."bodyDigest" IS NULL OR "InboxEvent"."bodyDigest" = excluded."bodyDigest"
      RETURNING "id", "receiptCount", "bodyDigest"`),
    // The first receipt's "received" transition; a repeat finds it there and adds none.
    prisma.$executeRaw`
      INSERT INTO "InboxEventTransition" ("inboxEventId", "state", "at", "detail", "messageKey", "messageValues")
      SELECT e."id", e."state", ${receivedAt}, ${detail}, ${message.messageKey}, ${message.messageValues}
      FROM "InboxEvent" e
      WHERE e."shop" = ${shop} AND e."eventId" = ${event.eventId}
        AND NOT EXISTS (SELECT 1 FROM "InboxEventTransition" t WHERE t."inboxEventId" = e."id")`,
  ];
}

/** Keeps a body that reuses a stored event_id; false when the event is not there (a tombstone's replay). */
async function keepConflictingBody(shop: string, eventId: string, bodyDigest: string, rawBody: string, receivedAt: Date): Promise<boolean> {
  const kept = await prisma.$queryRaw<{ id: number }[]>`
    INSERT INTO "InboxEventConflict" ("inboxEventId", "receivedAt", "bodyDigest", "rawBody")
    SELECT e."id", ${receivedAt}, ${bodyDigest}, ${rawBody}
    FROM "InboxEvent" e
    WHERE e."shop" = ${shop} AND e."eventId" = ${eventId} AND e."bodyDigest" <> ${bodyDigest}
      AND (SELECT COUNT(*) FROM "InboxEventConflict" c WHERE c."inboxEventId" = e."id") < ${MAX_CONFLICTS_PER_EVENT}
    ON CONFLICT ("inboxEventId", "bodyDigest") DO NOTHING
    RETURNING "id"`;
  if (kept.length === 1) return true;
  // Already kept, or over the cap: still a conflict if the event holds another body.
  const existing = await prisma.inboxEvent.findUnique({ where: { shop_eventId: { shop, eventId } }, select: { bodyDigest: true } });
  return existing !== null && existing.bodyDigest !== null && existing.bodyDigest !== bodyDigest;
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
    async dueWaybills(now, limit, perShop) {
      // Ranked within each shop (oldest due first) and then ordered by that rank, so every shop's
      // first waybill comes before any shop's second: one shop's backlog cannot crowd the others
      // out of the answer. Built with Prisma.sql: fragments nested straight into $queryRaw's
      // template are not recognised by the PostgreSQL client, whose runtime classes differ from
      // the SQLite one's.
      const rows = await db.$queryRaw<{ shop: string; waybill: string; parked: number | bigint | boolean }[]>(Prisma.sql`
      SELECT d."shop", d."waybill", d."parked"
      FROM (
        SELECT e."shop", e."waybill", MIN(e."nextAttemptAt") AS "due",
          MIN(CASE WHEN e."state" = 'parked' THEN 1 ELSE 0 END) AS "parked",
          ROW_NUMBER() OVER (PARTITION BY e."shop" ORDER BY MIN(e."nextAttemptAt"), e."waybill") AS "rank"
        FROM "InboxEvent" e
        WHERE e."state" IN (${pendingStates}) AND e."nextAttemptAt" <= ${now}
          AND NOT EXISTS (
            SELECT 1 FROM "WaybillLease" l
            WHERE l."shop" = e."shop" AND l."waybill" = e."waybill" AND l."expiresAt" > ${now})
        GROUP BY e."shop", e."waybill"
      ) d
      WHERE d."rank" <= ${perShop}
      ORDER BY d."rank", d."due", d."shop"
      LIMIT ${limit}`);
      return rows.map((row) => ({ shop: row.shop, waybill: row.waybill, parked: Number(row.parked) === 1 }));
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
          select: { ...STORED_EVENT_SELECT, id: true, attempts: true, parkedSince: true, state: true, requeuedAt: true },
        });
        if (events.length === 0) return [];
        const ids = events.map((event) => event.id);
        await tx.inboxEvent.updateMany({
          where: { id: { in: ids }, state: { in: [...PENDING_STATES] } },
          data: { state: "processing", leaseOwner: owner },
        });
        await tx.inboxEventTransition.createMany({
          data: events.map((event) => ({
            inboxEventId: event.id,
            state: "processing",
            at: now,
            ...(event.state === "processing"
              ? { detail: "picked up again after an expired lease", ...messageColumns(timelineMessage("leaseExpired")) }
              : { detail: null }),
          })),
        });
        return events.map(({ id, attempts, parkedSince, state, requeuedAt, ...columns }): PendingEvent => ({
          id,
          attempts,
          parkedSince,
          previouslyAttempted: attempts > 0 || state === "processing" || requeuedAt !== null,
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
        // One UPDATE per distinct outcome rather than per event: a parked waybill's retry, or a
        // batch applied alike, is one write however many events it holds.
        const groups = new Map<string, { data: Prisma.InboxEventUpdateManyMutationInput; updates: EventUpdate[] }>();
        for (const update of updates) {
          const data = eventData(update, now);
          const key = JSON.stringify(data);
          const group = groups.get(key);
          if (group) group.updates.push(update);
          else groups.set(key, { data, updates: [update] });
        }
        const recorded: EventUpdate[] = [];
        for (const group of groups.values()) {
          const changed = await tx.inboxEvent.updateManyAndReturn({
            where: { id: { in: group.updates.map((update) => update.id) }, state: "processing", leaseOwner: owner },
            data: group.data,
            select: { id: true },
          });
          const ids = new Set(changed.map((row) => row.id));
          recorded.push(...group.updates.filter((update) => ids.has(update.id)));
        }
        await tx.inboxEventTransition.createMany({
          data: recorded.map((update) => ({
            inboxEventId: update.id,
            state: update.state,
            at: now,
            detail: transitionDetail(update),
            ...messageColumns(update.message),
          })),
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

// A person sends events back to the worker. Each re-queue is one UPDATE whose WHERE names the
// states it may change, so an event the worker has started meanwhile is left alone, and writes
// transitions only for the rows that UPDATE really changed. The attempt budget starts again:
// the events that come back have usually spent it (a day of parking, or the retries that ended
// in "dead"), and one more transient failure must not end them at once; `requeuedAt` keeps
// saying that the event was attempted before (startBatch's previouslyAttempted).

/** Queues again the waybill's parked events, due now, once its order is linked; returns how many. */
export async function requeueParkedEvents(shop: string, waybill: string, now: Date, message: TimelineMessage): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const requeued = await tx.inboxEvent.updateManyAndReturn({
      where: { shop, waybill, state: "parked" },
      data: { state: "received", attempts: 0, requeuedAt: now, nextAttemptAt: now },
      select: { id: true },
    });
    await tx.inboxEventTransition.createMany({
      data: requeued.map((event) => ({ inboxEventId: event.id, state: "received", at: now, ...transitionText(message) })),
    });
    return requeued.length;
  });
}

/**
 * Parks again, until a person links the waybill, the events an unlink takes back from the wrong
 * order: those applied or refused there and those still on their way to it. Not retried by
 * itself, since a search would find the wrong order again. Runs in the caller's transaction
 * (the unlink resets the delivery in the same one); returns how many events it parked.
 */
export async function reparkUnlinkedEvents(
  tx: Prisma.TransactionClient,
  shop: string,
  waybill: string,
  now: Date,
  message: TimelineMessage,
): Promise<number> {
  const { detail, ...columns } = transitionText(message);
  const reparked = await tx.inboxEvent.updateManyAndReturn({
    where: { shop, waybill, state: { in: [...REPARKED_BY_UNLINK_STATES] } },
    data: {
      state: "parked",
      leaseOwner: null,
      ...lastErrorColumns(detail, message),
      parkedSince: now,
      nextAttemptAt: NEVER,
      finishedAt: null,
    },
    select: { id: true },
  });
  await tx.inboxEventTransition.createMany({
    data: reparked.map((event) => ({ inboxEventId: event.id, state: "parked", at: now, detail, ...columns })),
  });
  return reparked.length;
}

/** How many events reparkUnlinkedEvents would park now: for the unlink's confirmation. */
export async function countUnlinkReparkable(shop: string, waybill: string): Promise<number> {
  return prisma.inboxEvent.count({ where: { shop, waybill, state: { in: [...REPARKED_BY_UNLINK_STATES] } } });
}

/**
 * The merchant's Retry of an event the worker has stopped trying or is waiting on. The event
 * keeps its last error until the next attempt replaces it, and the transition keeps it for good.
 */
export async function requeueForRetry(shop: string, inboxEventId: number, now: Date): Promise<RetryResult> {
  if (!Number.isSafeInteger(inboxEventId)) return { ok: false, reason: "not_found" };
  const retried = await prisma.$transaction(async (tx) => {
    const [event] = await tx.inboxEvent.updateManyAndReturn({
      where: { id: inboxEventId, shop, state: { in: [...RETRYABLE_STATES] } },
      data: { state: "received", attempts: 0, requeuedAt: now, nextAttemptAt: now, finishedAt: null },
      select: { lastError: true },
    });
    if (!event) return false;
    const detail = event.lastError ? `manual retry (last error: ${event.lastError})` : "manual retry";
    await tx.inboxEventTransition.create({
      data: { inboxEventId, state: "received", at: now, detail, ...messageColumns(timelineMessage("manualRetry")) },
    });
    return true;
  });
  if (retried) return { ok: true };
  const exists = await prisma.inboxEvent.count({ where: { id: inboxEventId, shop } });
  return { ok: false, reason: exists ? "not_retryable" : "not_found" };
}

// What the pages and the operator's command line read.

/** A page of the shop's events, newest first, all of them or those in one state, narrowed by `where` (a search). */
export async function listShopEvents(
  shop: string,
  page: { state?: InboxState; skip?: number; take: number; where?: Prisma.InboxEventWhereInput },
) {
  return prisma.inboxEvent.findMany({
    where: { ...page.where, shop, ...(page.state ? { state: page.state } : {}) },
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    skip: page.skip,
    take: page.take,
    select: {
      id: true,
      receivedAt: true,
      topic: true,
      topicName: true,
      waybill: true,
      occurredAtText: true,
      state: true,
      attempts: true,
      receiptCount: true,
      lastError: true,
      lastErrorKey: true,
      lastErrorValues: true,
    },
  });
}

/** A waybill's latest events, newest first, with their state changes, the body as received and any other body sent under its event_id. */
export async function waybillEvents(shop: string, waybill: string, limit: number) {
  return prisma.inboxEvent.findMany({
    where: { shop, waybill },
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      topic: true,
      topicName: true,
      occurredAt: true,
      state: true,
      attempts: true,
      lastError: true,
      receiptCount: true,
      receivedAt: true,
      rawBody: true,
      prunedAt: true,
      lastErrorKey: true,
      lastErrorValues: true,
      transitions: {
        orderBy: [{ at: "asc" }, { id: "asc" }],
        select: { id: true, state: true, at: true, detail: true, messageKey: true, messageValues: true },
      },
      conflicts: { orderBy: { id: "asc" }, select: { id: true, receivedAt: true, rawBody: true } },
    },
  });
}

/**
 * What the sync engine last recorded on the timeline for each of these events (an outcome of
 * app/delivery/timeline-outcomes.ts), by event id; an event it never recorded is absent. An
 * event's state says only that the worker is done with it; this says whether the order changed
 * or the event was skipped as older or as coming after a final status.
 */
export async function latestTimelineOutcomes(inboxEventIds: number[]): Promise<Map<number, string>> {
  const entries = await prisma.timelineEntry.findMany({
    // Entries an unlink took back say nothing about the event any more, and a note beside an
    // event (a Flow trigger sent, an order marked paid) is not what became of it.
    where: { inboxEventId: { in: inboxEventIds }, undoneAt: null, outcome: { not: "note" } },
    orderBy: [{ recordedAt: "asc" }, { id: "asc" }],
    select: { inboxEventId: true, outcome: true },
  });
  return new Map(entries.map((entry) => [entry.inboxEventId!, entry.outcome]));
}

/** The shop an event belongs to, so an operator can name an event by its id alone. */
export async function shopOfEvent(inboxEventId: number): Promise<string | null> {
  if (!Number.isSafeInteger(inboxEventId)) return null;
  const event = await prisma.inboxEvent.findUnique({ where: { id: inboxEventId }, select: { shop: true } });
  return event?.shop ?? null;
}

// A state change's words: `detail` in English for the operator, the message's key and values for
// the merchant's language (app/delivery/timeline-messages.ts). InboxEvent.lastError likewise.

const NO_MESSAGE = { messageKey: null, messageValues: null };

function messageColumns(message: TimelineMessage | undefined) {
  return message ? { messageKey: message.key, messageValues: JSON.stringify(message.values) } : NO_MESSAGE;
}

function transitionText(message: TimelineMessage) {
  return { detail: timelineLogText(message), ...messageColumns(message) };
}

function lastErrorColumns(lastError: string | null, message: TimelineMessage | undefined) {
  const { messageKey, messageValues } = messageColumns(lastError === null ? undefined : message);
  return { lastError, lastErrorKey: messageKey, lastErrorValues: messageValues };
}

function eventData(update: EventUpdate, now: Date): Prisma.InboxEventUpdateManyMutationInput {
  const common = { state: update.state satisfies InboxState, leaseOwner: null };
  switch (update.state) {
    case "applied":
      return { ...common, attempts: { increment: 1 }, ...lastErrorColumns(null, undefined), finishedAt: now };
    case "failed":
    case "dead":
      return { ...common, attempts: { increment: 1 }, ...lastErrorColumns(update.error, update.message), finishedAt: now };
    case "received":
      return {
        ...common,
        attempts: { increment: 1 },
        ...lastErrorColumns(update.error, update.message),
        nextAttemptAt: update.nextAttemptAt,
      };
    case "parked":
      return {
        ...common,
        attempts: { increment: 1 },
        ...lastErrorColumns(update.reason, update.message),
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

/** The name of the partial index over the events retention has still to prune (hand-written migration `inbox_prunable_partial_index`). */
export const PRUNABLE_INDEX = "InboxEvent_prunable_finishedAt_idx";

/**
 * Retention's candidates, oldest first, read through the partial index PRUNABLE_INDEX. The states
 * are literals, not parameters, so that the planners can match the query to the index's predicate
 * (the same text; they are this module's constants, never input). With a history of pruned events,
 * PostgreSQL misjudged how many rows the full index [state, prunedAt, finishedAt] it replaced would
 * return and planned a parallel scan that cost more than the batch (docs/benchmarks.md,
 * bench:retention). SQLite, without statistics, prefers the index on state and sorts: it is told
 * which index to use (and refuses the query, rather than scan, if the predicate ever stops matching).
 */
export function prunableCandidatesQuery(before: Date, limit: number): Prisma.Sql {
  const states = Prisma.raw(PRUNABLE_STATES.map((state) => `'${state}'`).join(", "));
  const indexedBy = Prisma.raw(env.DATABASE_ENGINE === "sqlite" ? `INDEXED BY "${PRUNABLE_INDEX}"` : "");
  return Prisma.sql`
    SELECT "id" FROM "InboxEvent" ${indexedBy}
    WHERE "prunedAt" IS NULL AND "state" IN (${states}) AND "finishedAt" < ${before}
    ORDER BY "finishedAt" LIMIT ${limit}`;
}

/**
 * Retention: removes the raw body, transitions and conflicting bodies of up to `limit` final events
 * (PRUNABLE_STATES) finished before `before`, in one transaction; the rows' columns stay. The state
 * is checked again in the update, so an event sent back to the worker meanwhile is left whole.
 * Returns how many events were pruned.
 */
export async function pruneInboxHistory(before: Date, now: Date, limit: number): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const candidates = await tx.$queryRaw<{ id: unknown }[]>(prunableCandidatesQuery(before, limit));
    if (candidates.length === 0) return 0;
    const pruned = await tx.inboxEvent.updateManyAndReturn({
      where: { id: { in: candidates.map((candidate) => Number(candidate.id)) }, state: { in: PRUNABLE_STATES }, prunedAt: null },
      data: { rawBody: "", prunedAt: now },
      select: { id: true },
    });
    const ids = pruned.map((row) => row.id);
    await tx.inboxEventTransition.deleteMany({ where: { inboxEventId: { in: ids } } });
    await tx.inboxEventConflict.deleteMany({ where: { inboxEventId: { in: ids } } });
    return ids.length;
  });
}
