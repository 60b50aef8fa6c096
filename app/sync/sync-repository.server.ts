// The sync engine's storage port on Prisma: the shop's settings and offline token, deliveries
// (waybill → order links and their state) and the timeline of what happened to each event.
import type { Delivery, Prisma } from "@prisma/client";
import { prisma, type Database } from "../db.server";
import { initialDeliveryState, RECENT_STATUS_CHANGES, type DeliveryState, type StatusChange } from "../delivery/state";
import { timelineLogText, timelineMessage, type TimelineMessage } from "../delivery/timeline-messages";
import { deliverySettingsOf } from "../settings/shop-settings.server";
import { offlineAccessToken } from "../settings/sealed-session-storage.server";
import { secretBox } from "../settings/sealing.server";
import { parseFulfillmentIds, serializeFulfillmentIds } from "./fulfillment-ids";
import { topicFromCode } from "../wakilni/topics";
import type { DeliveryRecord, FlowTriggerState, SyncRepository, SyncShop, TimelineInput } from "./ports";
import { BatchRefusedError } from "../inbox/worker";
import { recordCashCollected, recordOverviewFacts } from "../overview/overview-rollup.server";

type DriverCause = { originalCode?: string; originalMessage?: string };

/**
 * The driver adapter's own error: SQLite's result code name or PostgreSQL's SQLSTATE, and its
 * message. Prisma wraps it in `meta` for a query; a batch transaction throws the adapter's error itself.
 */
function driverError(error: unknown): DriverCause | undefined {
  if (!(error instanceof Error)) return undefined;
  if (error.name === "DriverAdapterError") return error.cause as DriverCause | undefined;
  return (error as { meta?: { driverAdapterError?: { cause?: DriverCause } } }).meta?.driverAdapterError?.cause;
}

/**
 * The database refused the data itself — PostgreSQL's class 22 "data exception" (a NUL, text that
 * is not UTF-8, a value out of range) or a CHECK; on SQLite a CHECK or a trigger refusing the row —
 * as opposed to being unreachable, busy or out of space, which a retry may cure.
 */
function isDataRefusal(code: string | undefined): boolean {
  if (!code) return false;
  return /^22[0-9A-Z]{3}$/.test(code) || code === "23514" || code === "SQLITE_CONSTRAINT_CHECK" || code === "SQLITE_CONSTRAINT_TRIGGER";
}

/** Writes the batch's timeline; the database refusing an event's own text is the batch's fault, not an outage. */
async function writingEvents<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const refusal = driverError(error);
    if (!isDataRefusal(refusal?.originalCode)) throw error;
    const cause = refusal?.originalMessage ?? refusal?.originalCode ?? "";
    throw new BatchRefusedError(`the database refused the event's data: ${cause}`, timelineMessage("dataRefused", { error: cause }));
  }
}

/**
 * The delivery's last few applied status changes, read back from its timeline (which the commit
 * writes with the state): the timeline is their one record, and an unlink's undone entries drop out.
 */
const RECENT_CHANGES = {
  where: { outcome: "applied", undoneAt: null, occurredAt: { not: null } },
  orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
  take: RECENT_STATUS_CHANGES,
  select: { topic: true, occurredAt: true },
} satisfies Prisma.Delivery$timelineArgs;

type DeliveryRow = Delivery & { timeline: { topic: string | null; occurredAt: Date | null }[] };

function recentChanges(rows: DeliveryRow["timeline"]): StatusChange[] {
  return rows
    .flatMap((row) => {
      const status = row.topic ? topicFromCode(row.topic) : null;
      return status && row.occurredAt ? [{ status, at: row.occurredAt }] : [];
    })
    .reverse();
}

function recordOf(row: DeliveryRow): DeliveryRecord {
  return {
    id: row.id,
    orderId: row.orderId,
    orderName: row.orderName,
    fulfillmentIds: parseFulfillmentIds(row.fulfillmentIds),
    state: {
      waybill: row.waybill,
      wakilniOrderId: row.wakilniOrderId,
      status: row.status ? topicFromCode(row.status) : null,
      lastAppliedAt: row.lastAppliedAt,
      hasFulfillment: parseFulfillmentIds(row.fulfillmentIds).length > 0,
      fulfillmentIncomplete: row.fulfillmentIncomplete,
      needsAttention: row.needsAttention,
      trackingUrl: row.trackingUrl,
      driver: row.driverName || row.driverPhone ? { name: row.driverName, phone: row.driverPhone } : null,
      recent: recentChanges(row.timeline),
    },
  };
}

/** The delivery columns a state is stored in. */
function stateColumns(state: DeliveryState) {
  return {
    wakilniOrderId: state.wakilniOrderId,
    status: state.status,
    lastAppliedAt: state.lastAppliedAt,
    needsAttention: state.needsAttention,
    fulfillmentIncomplete: state.fulfillmentIncomplete,
    trackingUrl: state.trackingUrl,
    driverName: state.driver?.name ?? null,
    driverPhone: state.driver?.phone ?? null,
  };
}

/** The stored form of a message: its key and its values as JSON, no sentence (see TimelineEntry). */
function messageColumns(message: TimelineMessage) {
  return { messageKey: message.key, messageValues: JSON.stringify(message.values) };
}

function timelineRows(deliveryId: number, entries: TimelineInput[], now: Date) {
  return entries.map(({ message, ...entry }) => ({ deliveryId, ...entry, ...messageColumns(message), recordedAt: now }));
}

/**
 * Moves the delivery's lastEventAt forward to the latest Wakilni time among these entries, never
 * back: an older event applied late, a retry or a note leaves the deliveries list's order alone.
 */
function advanceLastEventAt(db: Prisma.TransactionClient, deliveryId: number, entries: TimelineInput[]) {
  const times = entries.flatMap((entry) => (entry.occurredAt ? [entry.occurredAt.getTime()] : []));
  if (times.length === 0) return null;
  const latest = new Date(Math.max(...times));
  return db.delivery.updateMany({
    where: { id: deliveryId, OR: [{ lastEventAt: null }, { lastEventAt: { lt: latest } }] },
    data: { lastEventAt: latest },
  });
}

function createSyncRepository(db: Database): SyncRepository {
  return {
    async shopForSync(shop): Promise<SyncShop | null> {
      const [row, accessToken] = await Promise.all([db.shop.findUnique({ where: { shop } }), offlineAccessToken(db, shop, secretBox)]);
      if (!row || row.uninstalledAt || !accessToken) return null;
      const { waybillPattern, wakilniZone: _zone, ...settings } = deliverySettingsOf(row);
      return { shop, accessToken, waybillPattern, settings };
    },

    async delivery(shop, waybill) {
      const row = await db.delivery.findUnique({ where: { shop_waybill: { shop, waybill } }, include: { timeline: RECENT_CHANGES } });
      return row ? recordOf(row) : null;
    },

    async alreadyRecorded(deliveryId, inboxEventIds) {
      const rows = await db.timelineEntry.findMany({
        where: { deliveryId, inboxEventId: { in: inboxEventIds }, outcome: { notIn: ["parked", "failed", "note"] }, undoneAt: null },
        select: { inboxEventId: true },
      });
      return new Set(rows.map((row) => row.inboxEventId!));
    },

    async linkOrder(shop, waybill, order, wakilniOrderId) {
      const row = await db.delivery.upsert({
        where: { shop_waybill: { shop, waybill } },
        create: { shop, waybill, orderId: order.id, orderName: order.name, wakilniOrderId },
        update: { orderId: order.id, orderName: order.name, parkedReason: null, needsAttention: false },
        include: { timeline: RECENT_CHANGES },
      });
      return recordOf(row);
    },

    async recordUnmatched(shop, waybill, reason, entries, now) {
      const parkedReason = timelineLogText(reason);
      await writingEvents(() =>
        db.$transaction(async (tx) => {
          const row = await tx.delivery.upsert({
            where: { shop_waybill: { shop, waybill } },
            create: { shop, waybill, parkedReason, needsAttention: true },
            update: { parkedReason, needsAttention: true },
          });
          await advanceLastEventAt(tx, row.id, entries);
          await recordOverviewFacts(tx, row, entries, now);
          const recorded = await tx.timelineEntry.findMany({
            where: { deliveryId: row.id, outcome: "parked", inboxEventId: { in: entries.map((entry) => entry.inboxEventId!) } },
            select: { inboxEventId: true },
          });
          const known = new Set(recorded.map((entry) => entry.inboxEventId));
          const fresh = entries.filter((entry) => !known.has(entry.inboxEventId));
          if (fresh.length) await tx.timelineEntry.createMany({ data: timelineRows(row.id, fresh, now) });
        }),
      );
    },

    async flagAttention(deliveryId, notes, now) {
      await db.$transaction([
        db.delivery.update({ where: { id: deliveryId }, data: { needsAttention: true } }),
        db.timelineEntry.createMany({ data: timelineRows(deliveryId, notes, now) }),
      ]);
    },

    async saveFulfillmentIds(deliveryId, fulfillmentIds, incomplete) {
      await db.delivery.update({
        where: { id: deliveryId },
        data: { fulfillmentIds: serializeFulfillmentIds(fulfillmentIds), fulfillmentIncomplete: incomplete },
      });
    },

    async commit(deliveryId, next: DeliveryState, fulfillmentIds, entries, now) {
      await writingEvents(() =>
        db.$transaction(async (tx) => {
          const row = await tx.delivery.update({
            where: { id: deliveryId },
            data: { ...stateColumns(next), fulfillmentIds: serializeFulfillmentIds(fulfillmentIds), parkedReason: null },
          });
          await advanceLastEventAt(tx, deliveryId, entries);
          await recordOverviewFacts(tx, row, entries, now);
          await tx.timelineEntry.createMany({ data: timelineRows(deliveryId, entries, now) });
        }),
      );
    },

    async flowTriggerStates(inboxEventIds, handle) {
      const rows = await db.flowTriggerSend.findMany({
        where: { inboxEventId: { in: inboxEventIds }, handle },
        select: { inboxEventId: true, state: true },
      });
      return new Map(rows.map((row) => [row.inboxEventId, row.state as FlowTriggerState]));
    },

    async startFlowTrigger(deliveryId, inboxEventId, handle, now) {
      await db.flowTriggerSend.create({ data: { deliveryId, inboxEventId, handle, state: "sending", createdAt: now } });
    },

    async finishFlowTrigger(inboxEventId, handle, state, detail, now) {
      await db.flowTriggerSend.update({
        where: { inboxEventId_handle: { inboxEventId, handle } },
        data: { state, detail, finishedAt: now },
      });
    },

    async forgetFlowTrigger(inboxEventId, handle) {
      await db.flowTriggerSend.deleteMany({ where: { inboxEventId, handle, state: "sending" } });
    },

    async recordCashCollected(deliveryId, cash, at) {
      await db.$transaction((tx) => recordCashCollected(tx, deliveryId, cash, at));
    },
  };
}

export const syncRepository = createSyncRepository(prisma);

/**
 * Takes a delivery back to unlinked, in the unlink's transaction: no order, no fulfillments, the
 * waybill's initial state, waiting for a person's link. Its timeline stays, marked undone, so the
 * next link applies every event again (alreadyRecorded ignores undone entries), and `note` says why.
 */
export async function unlinkDelivery(tx: Prisma.TransactionClient, deliveryId: number, waybill: string, note: TimelineMessage, now: Date) {
  await tx.delivery.update({
    where: { id: deliveryId },
    data: {
      ...stateColumns({ ...initialDeliveryState(waybill), needsAttention: true }),
      orderId: null,
      orderName: null,
      fulfillmentIds: serializeFulfillmentIds([]),
      parkedReason: timelineLogText(note),
    },
  });
  await tx.timelineEntry.updateMany({ where: { deliveryId, undoneAt: null }, data: { undoneAt: now } });
  await recordNote(tx, deliveryId, note, now);
}

/** A note of the app's own, tied to no Wakilni event (a link, an unlink): a step of its own on the timeline. */
export async function recordNote(db: Prisma.TransactionClient, deliveryId: number, note: TimelineMessage, now: Date) {
  await db.timelineEntry.create({
    data: { deliveryId, inboxEventId: null, topic: null, outcome: "note", ...messageColumns(note), occurredAt: null, recordedAt: now },
  });
}
