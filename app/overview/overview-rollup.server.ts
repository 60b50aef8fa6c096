// Keeps what the overview reads ready (docs/decisions/018), so its charts read a few rows instead
// of a month of inbox events: each delivery's milestones (./milestones.ts), the per-day outcome
// counts (OutcomeDay), the per-day time to deliver (TimeToDeliverDay) and the cash collected per
// day (CashDay, docs/decisions/026), all written in the sync repository's transactions with the
// delivery's state and cash. An outcome event is counted once (InboxEvent.outcomeCountedAt),
// whatever retries, parks, links or unlinks it goes through; a delivery's spans and cash move with
// it (the old ones out, the new ones in). The shop's row is locked meanwhile, so the worker and a
// rebuild never interleave. Days are the shop's: when its zone differs from the zone the rows were
// counted in (a new zone, rows from before the rollup), the worker leaves them alone and the next
// read rebuilds them from the inbox and the deliveries.
import { Prisma } from "@prisma/client";
import type { Database } from "../db.server";
import { nextMilestones, timeToDeliverRows, type MilestoneColumns } from "./milestones";
import { OUTCOME_TOPIC_LIST } from "./outcomes";
import { localDate, localDayOf } from "./periods";
import { cashSums, type CashRow, type CashSum } from "../delivery/cash-per-day";

/** What the repository records of one event: its inbox row, topic and Wakilni time. */
export interface RecordedEvent {
  inboxEventId: number | null;
  topic: string | null;
  occurredAt: Date | null;
}

interface ShopZones {
  wakilniZone: string;
  outcomeDaysZone: string | null;
}

/**
 * Locks the shop's row until the transaction ends (a no-op update: PostgreSQL's row lock; SQLite
 * has one writer anyway) and reads its zones; null for an unknown shop.
 */
async function lockShopZones(tx: Prisma.TransactionClient, shop: string): Promise<ShopZones | null> {
  const [row] = await tx.$queryRaw<ShopZones[]>(Prisma.sql`
    UPDATE "Shop" SET "outcomeDaysZone" = "outcomeDaysZone" WHERE "shop" = ${shop}
    RETURNING "wakilniZone", "outcomeDaysZone"`);
  return row ?? null;
}

function addToDay(tx: Prisma.TransactionClient, shop: string, date: string, topic: string, events: number, parcels: number) {
  return tx.$executeRaw(Prisma.sql`
    INSERT INTO "OutcomeDay" ("shop", "date", "topic", "events", "parcels") VALUES (${shop}, ${date}, ${topic}, ${events}, ${parcels})
    ON CONFLICT ("shop", "date", "topic") DO UPDATE
    SET "events" = "OutcomeDay"."events" + excluded."events", "parcels" = "OutcomeDay"."parcels" + excluded."parcels"`);
}

function addToSpans(tx: Prisma.TransactionClient, shop: string, row: { date: string; since: string; hour: number }, parcels: number) {
  return tx.$executeRaw(Prisma.sql`
    INSERT INTO "TimeToDeliverDay" ("shop", "date", "since", "hour", "parcels") VALUES (${shop}, ${row.date}, ${row.since}, ${row.hour}, ${parcels})
    ON CONFLICT ("shop", "date", "since", "hour") DO UPDATE SET "parcels" = "TimeToDeliverDay"."parcels" + excluded."parcels"`);
}

function addToCash(tx: Prisma.TransactionClient, shop: string, sum: CashSum, sign: 1 | -1) {
  return tx.$executeRaw(Prisma.sql`
    INSERT INTO "CashDay" ("shop", "date", "currencyCode", "thousandths", "orders")
    VALUES (${shop}, ${sum.day}, ${sum.currencyCode}, ${sign * sum.thousandths}, ${sign * sum.orders})
    ON CONFLICT ("shop", "date", "currencyCode") DO UPDATE
    SET "thousandths" = "CashDay"."thousandths" + excluded."thousandths", "orders" = "CashDay"."orders" + excluded."orders"`);
}

function outcomeEventsOf(events: readonly RecordedEvent[]): Map<number, { topic: string; occurredAt: Date }> {
  const outcomeEvents = new Map<number, { topic: string; occurredAt: Date }>();
  for (const { inboxEventId, topic, occurredAt } of events) {
    if (inboxEventId !== null && topic !== null && occurredAt !== null && (OUTCOME_TOPIC_LIST as readonly string[]).includes(topic)) {
      outcomeEvents.set(inboxEventId, { topic, occurredAt });
    }
  }
  return outcomeEvents;
}

async function countOutcomes(
  tx: Prisma.TransactionClient,
  shop: string,
  waybill: string,
  outcomeEvents: Map<number, { topic: string; occurredAt: Date }>,
  timeZone: string,
  now: Date,
) {
  for (const [id, { topic, occurredAt }] of outcomeEvents) {
    const { count: claimed } = await tx.inboxEvent.updateMany({ where: { id, outcomeCountedAt: null }, data: { outcomeCountedAt: now } });
    if (claimed === 0) continue;
    const day = localDayOf(occurredAt, timeZone);
    const sameDay = await tx.inboxEvent.count({
      where: { shop, waybill, topic, occurredAt: { gte: day.start, lt: day.end }, outcomeCountedAt: { not: null }, id: { not: id } },
    });
    await addToDay(tx, shop, day.date, topic, 1, sameDay === 0 ? 1 : 0);
  }
}

/** What the rollup needs of the delivery the events are recorded on, as it was before them. */
export type DeliveryFacts = { id: number; shop: string; waybill: string } & MilestoneColumns;

/** In the repository's transaction that records these events on the delivery. */
export async function recordOverviewFacts(
  tx: Prisma.TransactionClient,
  delivery: DeliveryFacts,
  events: readonly RecordedEvent[],
  now: Date,
) {
  const milestones = nextMilestones(delivery, events);
  const outcomeEvents = outcomeEventsOf(events);
  if (!milestones && outcomeEvents.size === 0) return;
  const zones = await lockShopZones(tx, delivery.shop);
  if (milestones) await tx.delivery.update({ where: { id: delivery.id }, data: milestones });
  if (!zones || zones.outcomeDaysZone !== zones.wakilniZone) return;
  if (milestones) {
    for (const row of timeToDeliverRows(delivery, zones.wakilniZone)) await addToSpans(tx, delivery.shop, row, -1);
    for (const row of timeToDeliverRows(milestones, zones.wakilniZone)) await addToSpans(tx, delivery.shop, row, 1);
  }
  await countOutcomes(tx, delivery.shop, delivery.waybill, outcomeEvents, zones.wakilniZone, now);
}

/**
 * Records on the delivery the cash the app marked paid, in the repository's transaction, and moves
 * it into its day's CashDay row (what was recorded before, if anything, taken out of its own).
 */
export async function recordCashCollected(
  tx: Prisma.TransactionClient,
  deliveryId: number,
  cash: { amount: string; currencyCode: string },
  at: Date,
) {
  const before = await tx.delivery.findUniqueOrThrow({
    where: { id: deliveryId },
    select: { shop: true, cashCollectedAmount: true, cashCollectedCurrency: true, cashCollectedAt: true },
  });
  const zones = await lockShopZones(tx, before.shop);
  await tx.delivery.update({
    where: { id: deliveryId },
    data: { cashCollectedAmount: cash.amount, cashCollectedCurrency: cash.currencyCode, cashCollectedAt: at },
  });
  if (!zones || zones.outcomeDaysZone !== zones.wakilniZone) return;
  const [previous] = cashSums(cashRowsOf([before]), zones.wakilniZone);
  if (previous) await addToCash(tx, before.shop, previous, -1);
  await addToCash(tx, before.shop, cashSums([{ ...cash, collectedAt: at }], zones.wakilniZone)[0], 1);
}

type CashColumns = { cashCollectedAmount: string | null; cashCollectedCurrency: string | null; cashCollectedAt: Date | null };

function cashRowsOf(deliveries: readonly CashColumns[]): CashRow[] {
  return deliveries.flatMap(({ cashCollectedAmount: amount, cashCollectedCurrency: currencyCode, cashCollectedAt: collectedAt }) =>
    amount !== null && collectedAt !== null ? [{ amount, currencyCode: currencyCode ?? "", collectedAt }] : [],
  );
}

/**
 * Makes the shop's OutcomeDay, TimeToDeliverDay and CashDay rows count in its current zone: rebuilt from
 * the inbox and the deliveries when they were counted in another zone or never. Every outcome
 * event is marked counted first, then the counts are taken from the marked ones, so an event
 * stored meanwhile is left to the worker.
 */
export async function ensureOutcomeDays(db: Database, shop: string, now: Date): Promise<void> {
  const current = await db.shop.findUnique({ where: { shop }, select: { wakilniZone: true, outcomeDaysZone: true } });
  if (!current || current.outcomeDaysZone === current.wakilniZone) return;
  await db.$transaction(
    async (tx) => {
      const zones = await lockShopZones(tx, shop);
      if (!zones || zones.outcomeDaysZone === zones.wakilniZone) return;
      await tx.inboxEvent.updateMany({
        where: { shop, topic: { in: [...OUTCOME_TOPIC_LIST] }, outcomeCountedAt: null },
        data: { outcomeCountedAt: now },
      });
      await tx.outcomeDay.deleteMany({ where: { shop } });
      const events = await tx.inboxEvent.findMany({
        where: { shop, topic: { in: [...OUTCOME_TOPIC_LIST] }, outcomeCountedAt: { not: null } },
        select: { topic: true, waybill: true, occurredAt: true },
      });
      const days = new Map<string, { date: string; topic: string; events: number; waybills: Set<string> }>();
      for (const event of events) {
        const date = localDate(event.occurredAt, zones.wakilniZone);
        const key = `${date} ${event.topic}`;
        let day = days.get(key);
        if (!day) days.set(key, (day = { date, topic: event.topic!, events: 0, waybills: new Set() }));
        day.events += 1;
        day.waybills.add(event.waybill);
      }
      await tx.outcomeDay.createMany({
        data: [...days.values()].map((day) => ({ shop, date: day.date, topic: day.topic, events: day.events, parcels: day.waybills.size })),
      });
      await tx.timeToDeliverDay.deleteMany({ where: { shop } });
      const delivered = await tx.delivery.findMany({
        where: { shop, deliveredEventAt: { not: null } },
        select: { deliveredEventAt: true, secondsFromCreated: true, secondsFromAssigned: true },
      });
      const spans = new Map<string, { date: string; since: string; hour: number; parcels: number }>();
      for (const row of delivered.flatMap((delivery) => timeToDeliverRows(delivery, zones.wakilniZone))) {
        const key = `${row.date} ${row.since} ${row.hour}`;
        const known = spans.get(key);
        if (known) known.parcels += 1;
        else spans.set(key, { ...row, parcels: 1 });
      }
      await tx.timeToDeliverDay.createMany({ data: [...spans.values()].map((row) => ({ shop, ...row })) });
      await tx.cashDay.deleteMany({ where: { shop } });
      const paid = await tx.delivery.findMany({
        where: { shop, cashCollectedAt: { not: null }, cashCollectedAmount: { not: null } },
        select: { cashCollectedAmount: true, cashCollectedCurrency: true, cashCollectedAt: true },
      });
      await tx.cashDay.createMany({
        data: cashSums(cashRowsOf(paid), zones.wakilniZone).map((sum) => ({
          shop,
          date: sum.day,
          currencyCode: sum.currencyCode,
          thousandths: BigInt(sum.thousandths),
          orders: sum.orders,
        })),
      });
      await tx.$executeRaw(Prisma.sql`UPDATE "Shop" SET "outcomeDaysZone" = ${zones.wakilniZone} WHERE "shop" = ${shop}`);
    },
    // A big shop's first rebuild reads every outcome event it ever received.
    { timeout: 120_000, maxWait: 30_000 },
  );
}
