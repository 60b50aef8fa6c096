// Two app instances (two database clients, two workers) draining one inbox: every event is
// processed exactly once and, per waybill, in Wakilni time order. Meaningful on PostgreSQL,
// where the instances really compete; on SQLite (one instance by design) the two workers
// share one client and the test checks the same leasing code.
import { afterAll, describe, expect, it } from "vitest";
import { connectDatabase, prisma, type Database } from "../db.server";
import { createInboxStore } from "./inbox-store.server";
import { InboxWorker, type EventResult, type PendingEvent, type WaybillKey, type WaybillProcessor } from "./worker";
import { DEFAULT_RETRY_POLICY } from "./retry-policy";
import { storeEvent, wakilniEvent } from "../../sandbox/inbox-events";
import { uniqueShop } from "../../tests/helpers/shopify";

const EVENTS = 1000;
const WAYBILLS = 50;
const clients: Database[] = [];
afterAll(async () => Promise.all(clients.map((client) => client.$disconnect())));

interface JournalEntry {
  id: number;
  waybill: string;
  occurredAt: number;
  instance: string;
}

/** Notes each application in one journal shared by both instances, and any overlap on a waybill. */
class JournalProcessor implements WaybillProcessor {
  constructor(
    private readonly instance: string,
    private readonly journal: JournalEntry[],
    private readonly busy: Set<string>,
    private readonly overlaps: string[],
  ) {}
  async process(key: WaybillKey, events: PendingEvent[]): Promise<EventResult[]> {
    if (this.busy.has(key.waybill)) this.overlaps.push(key.waybill);
    this.busy.add(key.waybill);
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 4));
    for (const event of events) {
      this.journal.push({
        id: event.id,
        waybill: key.waybill,
        occurredAt: event.wakilniEvent.occurredAt.getTime(),
        instance: this.instance,
      });
    }
    this.busy.delete(key.waybill);
    return events.map((event) => ({ id: event.id, kind: "applied", detail: "journaled" }));
  }
}

describe("two workers over one inbox", () => {
  it(`apply ${EVENTS} events across ${WAYBILLS} waybills exactly once, in order per waybill`, async () => {
    const shop = uniqueShop("concurrent");
    const base = Date.parse("2026-11-28T08:00:00Z");
    // Wakilni times are shuffled against arrival order, as retries and reordering make them.
    const plan = Array.from({ length: EVENTS }, (_, index) => ({
      waybill: `W${index % WAYBILLS}`,
      at: base + ((index * 7919) % EVENTS) * 1000,
    }));
    // Stored ten at a time, as many as the PostgreSQL client has connections: more would queue
    // for one, and on a busy machine a transaction that waits over 2 s for its start gives up.
    for (let start = 0; start < plan.length; start += 10) {
      await Promise.all(
        plan
          .slice(start, start + 10)
          .map((item) =>
            storeEvent(shop, wakilniEvent({ topic: "processed", waybill: item.waybill, occurredAt: new Date(item.at) }), new Date(base)),
          ),
      );
    }

    const journal: JournalEntry[] = [];
    const busy = new Set<string>();
    const overlaps: string[] = [];
    const workers = await Promise.all(
      ["instance-a", "instance-b"].map(async (instance) => {
        // SQLite serves one app instance: there both workers share its client, as they would.
        const client = process.env.DATABASE_URL!.startsWith("postgres") ? await connectDatabase(process.env.DATABASE_URL!) : prisma;
        if (client !== prisma) clients.push(client);
        return new InboxWorker({
          store: createInboxStore(client),
          processor: new JournalProcessor(instance, journal, busy, overlaps),
          owner: instance,
          concurrency: 6,
          leaseMs: 30_000,
          pollMs: 5,
          batchLimit: 7, // small batches, so a waybill passes between instances many times
          retry: DEFAULT_RETRY_POLICY,
          now: () => new Date(),
          random: Math.random,
          onError: (error) => {
            throw error;
          },
        });
      }),
    );
    await Promise.all(workers.map((worker) => worker.drain()));

    const stored = await prisma.inboxEvent.findMany({ where: { shop }, select: { id: true, state: true } });
    expect(stored).toHaveLength(EVENTS);
    expect(stored.every((event) => event.state === "applied")).toBe(true);
    expect(journal).toHaveLength(EVENTS);
    expect(new Set(journal.map((entry) => entry.id)).size).toBe(EVENTS);
    expect(overlaps).toEqual([]);
    // Both instances did real work.
    expect(new Set(journal.map((entry) => entry.instance))).toEqual(new Set(["instance-a", "instance-b"]));
    // Per waybill, the application order follows Wakilni time.
    const byWaybill = new Map<string, number[]>();
    for (const entry of journal) {
      byWaybill.set(entry.waybill, [...(byWaybill.get(entry.waybill) ?? []), entry.occurredAt]);
    }
    for (const times of byWaybill.values()) expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});
