// The overview's numbers, aggregated by the database: what is on its way now (the deliveries'
// current status), and what Wakilni said happened in a period, by the day Wakilni gives (so a late
// webhook still counts on the right day). The period figures and charts read the rollup the
// worker keeps (./overview-rollup.server.ts, docs/decisions/018): per-day outcome counts in the
// shop's zone, and each delivery's milestones, so no query walks a month of inbox events. One SQL
// text per query serves SQLite and PostgreSQL.
import { Prisma } from "@prisma/client";
import type { Database } from "../db.server";
import type { WakilniTopic } from "../wakilni/topics";
import {
  IN_TRANSIT_TOPICS,
  OUT_FOR_DELIVERY_TOPIC,
  OUTCOME_TOPICS,
  TIME_TO_DELIVER_BUCKETS,
  outcomeOfTopic,
  type Outcome,
} from "./outcomes";
import { SPAN_COLUMNS, type SpanSince } from "./milestones";
import type { LocalDay } from "./periods";

export interface CurrentCounts {
  /** Whether the shop has any delivery at all (the overview's empty state). */
  anyDelivery: boolean;
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

/**
 * The period figures and the per-day chart read OutcomeDay: call ensureOutcomeDays
 * (./overview-rollup.server.ts) for the shop first.
 */
export interface OverviewQueries {
  currentCounts(shop: string): Promise<CurrentCounts>;
  /**
   * Per outcome, the parcels whose event happened on the local days fromDate to toDate (YYYY-MM-DD,
   * both included), counted once a day; failed attempts one by one.
   */
  periodOutcomes(shop: string, fromDate: string, toDate: string): Promise<OutcomeCounts>;
  /** The same for each day, oldest first. */
  outcomesPerDay(shop: string, days: readonly LocalDay[]): Promise<DayOutcomes[]>;
  /** The parcels whose first Delivered event happened in the period's days (from its first instant to its last). */
  timeToDeliver(shop: string, period: { from: Date; to: Date; fromDate: string; toDate: string }): Promise<TimeToDeliver>;
  lastWebhookAt(shop: string): Promise<Date | null>;
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
  const outcome = outcomeOfTopic(topic as WakilniTopic);
  if (outcome) counts[outcome] += outcome === "failedAttempt" ? count(events) : count(parcels);
}

const HOUR_S = 3600;

export function createOverviewQueries(db: Database): OverviewQueries {
  return {
    async currentCounts(shop) {
      // Each figure is a count over one range of an index, not a pass over every delivery the shop
      // ever had: (shop, status, needsAttention) for the statuses, (shop, needsAttention, lastEventAt)
      // for attention; EXISTS stops at the first row.
      const inTransit = Prisma.join(IN_TRANSIT_TOPICS.map((topic) => Prisma.sql`${topic}`));
      const [row] = await db.$queryRaw<
        { anyDelivery: unknown; inTransit: unknown; outForDelivery: unknown; needsAttention: unknown }[]
      >(Prisma.sql`
        SELECT
          EXISTS (SELECT 1 FROM "Delivery" WHERE "shop" = ${shop}) AS "anyDelivery",
          (SELECT COUNT(*) FROM "Delivery" WHERE "shop" = ${shop} AND "status" IN (${inTransit})) AS "inTransit",
          (SELECT COUNT(*) FROM "Delivery" WHERE "shop" = ${shop} AND "status" = ${OUT_FOR_DELIVERY_TOPIC}) AS "outForDelivery",
          (SELECT COUNT(*) FROM "Delivery" WHERE "shop" = ${shop} AND "needsAttention" = TRUE) AS "needsAttention"`);
      return {
        // SQLite answers 1/0, PostgreSQL true/false.
        anyDelivery: Number(row.anyDelivery) === 1,
        inTransit: count(row.inTransit),
        outForDelivery: count(row.outForDelivery),
        needsAttention: count(row.needsAttention),
      };
    },

    async periodOutcomes(shop, fromDate, toDate) {
      const rows = await db.$queryRaw<{ topic: string; events: unknown; parcels: unknown }[]>(Prisma.sql`
        SELECT "topic", SUM("events") AS "events", SUM("parcels") AS "parcels" FROM "OutcomeDay"
        WHERE "shop" = ${shop} AND "date" >= ${fromDate} AND "date" <= ${toDate}
        GROUP BY "topic"`);
      const counts = emptyOutcomes();
      for (const row of rows) addOutcome(counts, row.topic, row.events, row.parcels);
      return counts;
    },

    async outcomesPerDay(shop, days) {
      if (days.length === 0) return [];
      const rows = await db.$queryRaw<{ date: string; topic: string; events: unknown; parcels: unknown }[]>(Prisma.sql`
        SELECT "date", "topic", "events", "parcels" FROM "OutcomeDay"
        WHERE "shop" = ${shop} AND "date" >= ${days[0].date} AND "date" <= ${days[days.length - 1].date}`);
      const perDay = days.map((day) => ({ date: day.date, counts: emptyOutcomes() }));
      const byDate = new Map(perDay.map((day) => [day.date, day.counts]));
      for (const row of rows) {
        const counts = byDate.get(row.date);
        if (counts) addOutcome(counts, row.topic, row.events, row.parcels);
      }
      return perDay;
    },

    async timeToDeliver(shop, period) {
      const rows = await db.$queryRaw<{ since: string; hour: unknown; parcels: unknown }[]>(Prisma.sql`
        SELECT "since", "hour", SUM("parcels") AS "parcels" FROM "TimeToDeliverDay"
        WHERE "shop" = ${shop} AND "date" >= ${period.fromDate} AND "date" <= ${period.toDate}
        GROUP BY "since", "hour"`);
      const histogram = (since: string) => {
        const hours = new Map<number, number>();
        for (const row of rows) if (row.since === since) hours.set(count(row.hour), count(row.parcels));
        return [...hours].filter(([, parcels]) => parcels > 0).sort(([a], [b]) => a - b);
      };
      /**
       * The median span (seconds) of n: the middle one, or the mean of the two middle ones. The
       * histogram says which hour the lower middle rank falls in; the deliveries give the spans
       * from that hour on in order, where the middle ones are the first or first two. Both
       * milestones' spans are read in one statement: one round trip, however busy the server.
       */
      const middleOf = (hours: [number, number][], n: number) => {
        const low = Math.floor((n + 1) / 2);
        let below = 0;
        for (const [hour, parcels] of hours) {
          if (low <= below + parcels) return { hour, offset: low - below - 1, pair: Math.floor((n + 2) / 2) > low };
          below += parcels;
        }
        return null;
      };
      const measured = (Object.keys(SPAN_COLUMNS) as SpanSince[]).map((since) => {
        const hours = histogram(since);
        const n = hours.reduce((sum, [, parcels]) => sum + parcels, 0);
        const buckets = TIME_TO_DELIVER_BUCKETS.map(({ fromHours, toHours }) =>
          hours.reduce((sum, [hour, parcels]) => (hour >= fromHours && (toHours === null || hour < toHours) ? sum + parcels : sum), 0),
        );
        return { since, buckets, middle: n === 0 ? null : middleOf(hours, n) };
      });
      const reads = measured.flatMap(({ since, middle }) => {
        if (!middle) return [];
        const column = Prisma.raw(`"${SPAN_COLUMNS[since]}"`);
        return [
          Prisma.sql`SELECT CAST(${since} AS TEXT) AS "since", "seconds" FROM (
            SELECT ${column} AS "seconds" FROM "Delivery"
            WHERE "shop" = ${shop} AND ${column} >= ${middle.hour * HOUR_S}
              AND "deliveredEventAt" >= ${period.from} AND "deliveredEventAt" < ${period.to}
            ORDER BY ${column} LIMIT 2 OFFSET ${middle.offset}) AS ${Prisma.raw(`"${since}"`)}`,
        ];
      });
      const spans = reads.length === 0 ? [] : await db.$queryRaw<{ since: string; seconds: unknown }[]>(Prisma.join(reads, " UNION ALL "));
      const medianHours = ({ since, middle }: (typeof measured)[number]): number | null => {
        const found = spans.filter((row) => row.since === since).map((row) => count(row.seconds));
        // A delivery recorded between the two reads can leave the rows a parcel short.
        if (!middle || found.length === 0) return null;
        const low = Math.min(...found);
        return (low + (middle.pair ? Math.max(...found) : low)) / 2 / HOUR_S;
      };
      const [created, assigned] = (["created", "assigned"] as const).map((since) => measured.find((row) => row.since === since)!);
      return {
        delivered: histogram(OUTCOME_TOPICS.delivered[0]).reduce((sum, [, parcels]) => sum + parcels, 0),
        medianFromCreatedHours: medianHours(created),
        medianFromAssignedHours: medianHours(assigned),
        fromCreated: created.buckets,
        fromAssigned: assigned.buckets,
      };
    },

    async lastWebhookAt(shop) {
      const [row] = await db.$queryRaw<{ at: Date | string | null }[]>(Prisma.sql`
        SELECT MAX("receivedAt") AS "at" FROM "InboxEvent" WHERE "shop" = ${shop}`);
      return row?.at ? new Date(row.at) : null;
    },
  };
}
