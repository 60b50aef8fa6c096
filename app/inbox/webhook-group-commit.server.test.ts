// The webhook's group commit and admission on a real database: concurrent deliveries share
// transactions, each is stored once and answered only after its commit, a row the database
// refuses fails alone, and past the admission limit a delivery is refused before its body is read.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "../db.server";
import { env } from "../env.server";
import { ensureShop, saveWakilniCredentials } from "../settings/shop-settings.server";
import { uniqueShop } from "../../tests/helpers/shopify";
import { signedWakilniRequest, webhookRequest } from "../../tests/helpers/wakilni";
import { specPayload } from "../../sandbox/wakilni-sender";
import { MAX_BODY_BYTES, receiveWakilniWebhook, webhookCommits } from "./receive-wakilni-webhook.server";

const SECRET = "group-commit-secret";
const engine = process.env.DATABASE_URL?.startsWith("postgres") ? "postgres" : "sqlite";
let shop: string;
let key: string;

beforeEach(async () => {
  shop = uniqueShop("group");
  key = (await ensureShop(shop)).endpointKey;
  await saveWakilniCredentials(shop, { secret: SECRET }, new Date());
});

async function deliver(payload: Record<string, unknown>) {
  const answer = await receiveWakilniWebhook(signedWakilniRequest(payload, SECRET), key, () => new Date());
  return { status: answer.status, headers: answer.headers, body: JSON.parse(answer.body) as Record<string, unknown> };
}

const stored = (eventIds: string[]) =>
  prisma.inboxEvent.findMany({ where: { shop, eventId: { in: eventIds } }, select: { eventId: true, receiptCount: true } });

/** A trigger that refuses the first transition of one event: the row a batch cannot hold. */
async function refuseTransitionsOf(eventId: string): Promise<() => Promise<void>> {
  if (engine === "sqlite") {
    await prisma.$executeRawUnsafe(
      `CREATE TRIGGER poison BEFORE INSERT ON "InboxEventTransition"
       WHEN (SELECT "eventId" FROM "InboxEvent" WHERE "id" = NEW."inboxEventId") = '${eventId}'
       BEGIN SELECT RAISE(ABORT, 'poisonous row'); END`,
    );
    return async () => void (await prisma.$executeRawUnsafe("DROP TRIGGER poison"));
  }
  await prisma.$executeRawUnsafe(
    `CREATE OR REPLACE FUNCTION poison() RETURNS trigger AS $$ BEGIN
       IF (SELECT "eventId" FROM "InboxEvent" WHERE "id" = NEW."inboxEventId") = '${eventId}' THEN RAISE EXCEPTION 'poisonous row'; END IF;
       RETURN NEW; END $$ LANGUAGE plpgsql`,
  );
  await prisma.$executeRawUnsafe(`CREATE TRIGGER poison BEFORE INSERT ON "InboxEventTransition" FOR EACH ROW EXECUTE FUNCTION poison()`);
  return async () => void (await prisma.$executeRawUnsafe(`DROP TRIGGER poison ON "InboxEventTransition"`));
}

describe("the webhook's group commit", () => {
  it("stores 200 concurrent deliveries once each, in far fewer transactions, repeats included", async () => {
    const payloads = Array.from({ length: 200 }, (_, index) => specPayload({ topic: "completed", waybill: `#G${index}` }));
    const before = { ...webhookCommits.stats };
    // Every tenth delivery is sent twice at once: both land in one batch, one of them a duplicate.
    const sends = [...payloads, ...payloads.filter((_, index) => index % 10 === 0)];
    const answers = await Promise.all(sends.map(deliver));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(answers.filter((answer) => answer.body.status === "accepted")).toHaveLength(200);
    expect(answers.filter((answer) => answer.body.status === "duplicate")).toHaveLength(20);
    const rows = await stored(payloads.map((payload) => String(payload.event_id)));
    expect(rows).toHaveLength(200);
    expect(rows.filter((row) => row.receiptCount === 2)).toHaveLength(20);
    const transactions = webhookCommits.stats.transactions - before.transactions;
    expect(webhookCommits.stats.items - before.items).toBe(220);
    expect(transactions).toBeLessThan(220 / 4);
  });

  it("answers no delivery before the transaction holding it commits", async () => {
    // While another transaction holds the inbox (SQLite: the one writer; PostgreSQL: a table lock
    // that stops inserts), the batch cannot commit, and nobody may be answered.
    const payloads = Array.from({ length: 5 }, () => specPayload({ topic: "completed" }));
    let answered = 0;
    let committedBeforeAnswers = false;
    await prisma.$transaction(
      async (tx) => {
        if (engine === "sqlite") await tx.$executeRaw`UPDATE "Shop" SET "updatedAt" = "updatedAt" WHERE "shop" = ${shop}`;
        else await tx.$executeRawUnsafe(`LOCK TABLE "InboxEvent" IN SHARE ROW EXCLUSIVE MODE`);
        const sends = payloads.map((payload) => deliver(payload).then((answer) => ((answered += 1), answer)));
        await new Promise((resolve) => setTimeout(resolve, 300));
        committedBeforeAnswers = answered === 0;
        void Promise.all(sends);
      },
      { timeout: 10_000 },
    );
    expect(committedBeforeAnswers).toBe(true);
    for (let waited = 0; answered < 5 && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await stored(payloads.map((payload) => String(payload.event_id)))).length).toBe(5);
  });

  it("fails only the poisonous delivery of a batch, with 503 and nothing of it stored", async () => {
    const payloads = Array.from({ length: 20 }, () => specPayload({ topic: "completed" }));
    const poisonous = String(payloads[7].event_id);
    const dropTrigger = await refuseTransitionsOf(poisonous);
    try {
      const before = webhookCommits.stats.batchesTakenApart;
      const answers = await Promise.all(payloads.map(deliver));
      expect(answers.map((answer) => answer.status)).toEqual(payloads.map((_, index) => (index === 7 ? 503 : 200)));
      expect(answers[7].headers["Retry-After"]).toBe("5");
      expect(webhookCommits.stats.batchesTakenApart).toBeGreaterThan(before);
    } finally {
      await dropTrigger();
    }
    const rows = await stored(payloads.map((payload) => String(payload.event_id)));
    expect(rows.map((row) => row.eventId).sort()).toEqual(
      payloads
        .map((payload) => String(payload.event_id))
        .filter((id) => id !== poisonous)
        .sort(),
    );
    expect(await prisma.inboxEventTransition.count({ where: { event: { shop } } })).toBe(19);
  });
});

describe("admission", () => {
  let release: () => void = () => undefined;
  afterEach(() => release());

  it(`refuses a delivery past ${env.WEBHOOK_MAX_IN_PROGRESS} in progress with 503 and Retry-After, without reading its body`, async () => {
    // Deliveries whose bodies do not arrive until released hold every place (then too large: a quick 413).
    const arrived = new Promise<void>((resolve) => (release = resolve));
    const oversized = new Uint8Array(MAX_BODY_BYTES + 1);
    const stalled = Array.from({ length: env.WEBHOOK_MAX_IN_PROGRESS }, () =>
      receiveWakilniWebhook(
        webhookRequest({
          body: (async function* () {
            await arrived;
            yield oversized;
          })(),
        }),
        key,
        () => new Date(),
      ),
    );
    const unreadBody: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]() {
        throw new Error("the body was read");
      },
    };
    const refused = await receiveWakilniWebhook(webhookRequest({ body: unreadBody }), key, () => new Date());
    expect(refused.status).toBe(503);
    expect(refused.headers["Retry-After"]).toBe("5");
    expect(JSON.parse(refused.body)).toMatchObject({ ok: false, error: "overloaded" });

    release();
    expect((await Promise.all(stalled)).every((answer) => answer.status === 413)).toBe(true);
    // Places free again: the next delivery is worked on as usual.
    const payload = specPayload({ topic: "completed" });
    expect((await deliver(payload)).status).toBe(200);
    expect(await stored([String(payload.event_id)])).toHaveLength(1);
  });
});
