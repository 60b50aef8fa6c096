// The overview's numbers, aggregated by the database: what is on its way now (the deliveries'
// current status), and what Wakilni said happened in a period (its events, by the day Wakilni
// gives them, so a late webhook still counts on the right day). One SQL text per query serves
// SQLite and PostgreSQL; only the arithmetic on two instants differs, and days are boundaries
// computed in the shop's zone (./periods.ts), so no engine needs to know about time zones.
import { Prisma } from "@prisma/client";
import type { Database } from "../db.server";
import type { databaseEngine } from "../../prisma/database-engine.js";
import type { WakilniTopic } from "../wakilni/topics";
import { IN_TRANSIT_TOPICS, OUT_FOR_DELIVERY_TOPIC, OUTCOMES, OUTCOME_TOPICS, TIME_TO_DELIVER_BUCKETS, type Outcome } from "./outcomes";
import type { LocalDay } from "./periods";

export interface CurrentCounts {
  total: number;
  inTransit: number;
  outForDelivery: number;
  needsAttention: number;
}

export type OutcomeCounts = Record<Outcome, number>;

export interface DayOutcomes {
  date: string;
  counts: OutcomeCounts;
}

export interface TimeToDeliver {
  /** Parcels delivered in the period. */
  delivered: number;
  /** In hours; null when no delivered parcel has that milestone. */
  medianFromCreatedHours: number | null;
  medianFromAssignedHours: number | null;
  /** Parcels per TIME_TO_DELIVER_BUCKETS bucket, measured from each milestone. */
  fromCreated: number[];
  fromAssigned: number[];
}

export interface OverviewQueries {
  currentCounts(shop: string): Promise<CurrentCounts>;
  /** Parcels per outcome (failed attempts: attempts) whose event happened in [from, to). */
  periodOutcomes(shop: string, from: Date, to: Date): Promise<OutcomeCounts>;
  /** The same for each day, oldest first; days must be consecutive. */
  outcomesPerDay(shop: string, days: readonly LocalDay[]): Promise<DayOutcomes[]>;
  timeToDeliver(shop: string, from: Date, to: Date): Promise<TimeToDeliver>;
  lastWebhookAt(shop: string): Promise<Date | null>;
}

const OUTCOME_TOPIC_LIST: readonly WakilniTopic[] = OUTCOMES.flatMap((outcome) => OUTCOME_TOPICS[outcome]);

function topicList(topics: readonly string[]): Prisma.Sql {
  return Prisma.join(topics.map((topic) => Prisma.sql`${topic}`));
}

/** Raw counts arrive as bigint (PostgreSQL, SQLite's large values), number or null. */
function count(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

function emptyOutcomes(): OutcomeCounts {
  return { delivered: 0, failedAttempt: 0, returned: 0, canceled: 0 };
}

/** Failed attempts are counted one per attempt; every other outcome once per parcel. */
function addOutcome(counts: OutcomeCounts, topic: string, events: unknown, parcels: unknown): void {
  const outcome = OUTCOMES.find((candidate) => (OUTCOME_TOPICS[candidate] as readonly string[]).includes(topic));
  if (outcome) counts[outcome] += outcome === "failedAttempt" ? count(events) : count(parcels);
}

const HOUR_S = 3600;

export function createOverviewQueries(db: Database, engine: ReturnType<typeof databaseEngine>): OverviewQueries {
  /**
   * Whole seconds from `earlier` to `later`, both timestamp expressions (rounded: julianday's
   * floating point would put 4 hours a hair under 4 hours).
   */
  const secondsBetween = (later: Prisma.Sql, earlier: Prisma.Sql): Prisma.Sql =>
    engine === "postgres"
      ? Prisma.sql`ROUND(CAST(EXTRACT(EPOCH FROM (${later} - ${earlier})) AS DOUBLE PRECISION))`
      : // Prisma's SQLite adapter stores instants as ISO 8601 text, which julianday() reads.
        Prisma.sql`ROUND((julianday(${later}) - julianday(${earlier})) * 86400.0)`;

  const median = (column: string): Prisma.Sql => {
    const value = Prisma.raw(`"${column}"`);
    return Prisma.sql`(SELECT AVG(r."s") FROM (
        SELECT ${value} AS "s", ROW_NUMBER() OVER (ORDER BY ${value}) AS "rn", COUNT(*) OVER () AS "n"
        FROM "spans" WHERE ${value} IS NOT NULL) r
      WHERE r."rn" IN ((r."n" + 1) / 2, (r."n" + 2) / 2))`;
  };

  const buckets = (column: string): Prisma.Sql[] =>
    TIME_TO_DELIVER_BUCKETS.map(({ fromHours, toHours }, index) => {
      const value = Prisma.raw(`"${column}"`);
      const upper = toHours === null ? Prisma.empty : Prisma.sql` AND ${value} < ${toHours * HOUR_S}`;
      return Prisma.sql`SUM(CASE WHEN ${value} >= ${fromHours * HOUR_S}${upper} THEN 1 ELSE 0 END) AS ${Prisma.raw(`"${column}${index}"`)}`;
    });

  const milestone = (shop: string, topic: WakilniTopic): Prisma.Sql => Prisma.sql`(SELECT MIN(m."occurredAt") FROM "InboxEvent" m
    WHERE m."shop" = ${shop} AND m."waybill" = x."waybill" AND m."topic" = ${topic})`;

  return {
    async currentCounts(shop) {
      const rows = await db.$queryRaw<{ status: string | null; needsAttention: unknown; count: unknown }[]>(Prisma.sql`
        SELECT "status", "needsAttention", COUNT(*) AS "count" FROM "Delivery"
        WHERE "shop" = ${shop} GROUP BY "status", "needsAttention"`);
      const counts: CurrentCounts = { total: 0, inTransit: 0, outForDelivery: 0, needsAttention: 0 };
      for (const row of rows) {
        const n = count(row.count);
        counts.total += n;
        if (row.status && (IN_TRANSIT_TOPICS as readonly string[]).includes(row.status)) counts.inTransit += n;
        if (row.status === OUT_FOR_DELIVERY_TOPIC) counts.outForDelivery += n;
        // SQLite answers 1/0, PostgreSQL true/false.
        if (Number(row.needsAttention) === 1) counts.needsAttention += n;
      }
      return counts;
    },

    async periodOutcomes(shop, from, to) {
      const rows = await db.$queryRaw<{ topic: string; events: unknown; parcels: unknown }[]>(Prisma.sql`
        SELECT "topic", COUNT(*) AS "events", COUNT(DISTINCT "waybill") AS "parcels" FROM "InboxEvent"
        WHERE "shop" = ${shop} AND "topic" IN (${topicList(OUTCOME_TOPIC_LIST)})
          AND "occurredAt" >= ${from} AND "occurredAt" < ${to}
        GROUP BY "topic"`);
      const counts = emptyOutcomes();
      for (const row of rows) addOutcome(counts, row.topic, row.events, row.parcels);
      return counts;
    },

    async outcomesPerDay(shop, days) {
      if (days.length === 0) return [];
      // The day of each event by the boundaries: every engine compares instants the same way.
      const dayIndex = Prisma.sql`CASE ${Prisma.join(
        days.slice(0, -1).map((day, index) => Prisma.sql`WHEN "occurredAt" < ${day.end} THEN ${index}`),
        " ",
      )} ELSE ${days.length - 1} END`;
      const rows = await db.$queryRaw<{ day: unknown; topic: string; events: unknown; parcels: unknown }[]>(Prisma.sql`
        SELECT ${dayIndex} AS "day", "topic", COUNT(*) AS "events", COUNT(DISTINCT "waybill") AS "parcels" FROM "InboxEvent"
        WHERE "shop" = ${shop} AND "topic" IN (${topicList(OUTCOME_TOPIC_LIST)})
          AND "occurredAt" >= ${days[0].start} AND "occurredAt" < ${days[days.length - 1].end}
        GROUP BY 1, "topic"`);
      const perDay = days.map((day) => ({ date: day.date, counts: emptyOutcomes() }));
      for (const row of rows) addOutcome(perDay[count(row.day)].counts, row.topic, row.events, row.parcels);
      return perDay;
    },

    async timeToDeliver(shop, from, to) {
      const [row] = await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
        -- MATERIALIZED (both engines) keeps each step evaluated once: inlined, SQLite would walk the
        -- shop's whole waybill index to avoid a sort, and run the milestone seeks once per reference.
        WITH "completedEvents" AS MATERIALIZED (
          SELECT "waybill", "occurredAt" FROM "InboxEvent"
          WHERE "shop" = ${shop} AND "topic" = ${"completed"} AND "occurredAt" >= ${from} AND "occurredAt" < ${to}
        ), "milestones" AS MATERIALIZED (
          SELECT x."deliveredAt", ${milestone(shop, "created")} AS "createdAt", ${milestone(shop, "assigned")} AS "assignedAt"
          FROM (SELECT "waybill", MIN("occurredAt") AS "deliveredAt" FROM "completedEvents" GROUP BY "waybill") x
        ), "spans" AS MATERIALIZED (
          -- A milestone Wakilni dates after the delivery is a clock error, not a duration.
          SELECT
            CASE WHEN "createdAt" <= "deliveredAt" THEN ${secondsBetween(Prisma.raw(`"deliveredAt"`), Prisma.raw(`"createdAt"`))} END AS "fromCreated",
            CASE WHEN "assignedAt" <= "deliveredAt" THEN ${secondsBetween(Prisma.raw(`"deliveredAt"`), Prisma.raw(`"assignedAt"`))} END AS "fromAssigned"
          FROM "milestones"
        )
        SELECT COUNT(*) AS "delivered", ${median("fromCreated")} AS "medianFromCreated", ${median("fromAssigned")} AS "medianFromAssigned",
          ${Prisma.join([...buckets("fromCreated"), ...buckets("fromAssigned")])}
        FROM "spans"`);
      const hours = (seconds: unknown) => (seconds === null || seconds === undefined ? null : Number(seconds) / HOUR_S);
      const series = (column: string) => TIME_TO_DELIVER_BUCKETS.map((_, index) => count(row[`${column}${index}`]));
      return {
        delivered: count(row.delivered),
        medianFromCreatedHours: hours(row.medianFromCreated),
        medianFromAssignedHours: hours(row.medianFromAssigned),
        fromCreated: series("fromCreated"),
        fromAssigned: series("fromAssigned"),
      };
    },

    async lastWebhookAt(shop) {
      const [row] = await db.$queryRaw<{ at: Date | string | null }[]>(Prisma.sql`
        SELECT MAX("receivedAt") AS "at" FROM "InboxEvent" WHERE "shop" = ${shop}`);
      return row?.at ? new Date(row.at) : null;
    },
  };
}
