// `npm run wakilni -- …`: an operator's command line for Wakilni deliveries. Without options
// it acts on the running demo (.cache/demo/demo.json: its webhook URL and secret, its database,
// its shop, its Admin API emulator); --url/--secret or --database-url (or DATABASE_URL) point
// it at another installation, whose environment (SECRETS_ENCRYPTION_KEYS…) must then be set.
//
//   send "<topic>" --waybill W [--order-id N] [--driver NAME [--driver-phone P]] [--at "YYYY-MM-DD HH:mm:ss"] [--url U --secret S]
//   link <waybill> <order name or id> [--shop S]
//   events [--shop S] [--state parked|dead|failed|…] [--limit N]
//   retry <event id>
import { parseArgs } from "node:util";
import { setGlobalDispatcher } from "undici";
import { DEFAULT_WAKILNI_ZONE, formatWakilniLocalTime } from "../app/wakilni/local-time";
import { topicFromName } from "../app/wakilni/topics";
import { INBOX_STATES, RETRYABLE_STATES, isInboxState } from "../app/inbox/inbox-states";
import { appEnvironment, readDemoState, type DemoState } from "./demo-state";
import { createEmulatorDispatcher } from "./shopify-admin-emulator/dispatcher";
import { postWakilniEvent, specPayload } from "./wakilni-sender";

const USAGE = `usage: npm run wakilni -- <command>
  send "<topic>" --waybill W [--order-id N] [--driver NAME [--driver-phone P]] [--at "YYYY-MM-DD HH:mm:ss"] [--url U --secret S]
  link <waybill> <order name or id> [--shop S]
  events [--shop S] [--state ${INBOX_STATES.join("|")}] [--limit N]
  retry <event id>
options for every command but send: --database-url URL (default: DATABASE_URL, else the running demo's)`;

class UsageError extends Error {}

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    waybill: { type: "string" },
    "order-id": { type: "string" },
    driver: { type: "string" },
    "driver-phone": { type: "string", default: "" },
    at: { type: "string" },
    url: { type: "string" },
    secret: { type: "string" },
    shop: { type: "string" },
    state: { type: "string" },
    limit: { type: "string", default: "50" },
    "database-url": { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

const demo = readDemoState();

async function send(topicName: string | undefined): Promise<number> {
  if (!topicName || !options.waybill) throw new UsageError('send needs a topic and --waybill, e.g. send "Order Created" --waybill "#1001"');
  const url = options.url ?? demo?.webhookUrl;
  const secret = options.secret ?? demo?.webhookSecret;
  if (!url || !secret)
    throw new UsageError("no running demo found (.cache/demo/demo.json): start `npm run demo` or pass --url and --secret");
  const orderId = options["order-id"] === undefined ? undefined : Number(options["order-id"]);
  if (orderId !== undefined && !Number.isSafeInteger(orderId)) throw new UsageError("--order-id must be a whole number");
  const payload = specPayload({
    // A name the app does not know is sent as written, in the generic shape: that is how a new Wakilni topic arrives.
    topic: topicFromName(topicName) ?? topicName,
    waybill: options.waybill,
    orderId,
    at: options.at ?? formatWakilniLocalTime(new Date(), DEFAULT_WAKILNI_ZONE).slice(0, 19).replace("T", " "),
    driver: options.driver ? { name: options.driver, phone: options["driver-phone"] } : undefined,
  });
  console.log(`POST ${url}\n${JSON.stringify(payload)}`);
  const answer = await postWakilniEvent(url, secret, payload);
  console.log(`→ ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.status >= 200 && answer.status < 300 ? 0 : 1;
}

/**
 * Opens the installation's database through the app's own modules. On the demo, its
 * environment comes from demo.json and Admin API calls go to its emulator, as they do in the
 * demo's server.
 */
async function openInstallation() {
  const databaseUrl = options["database-url"] ?? process.env.DATABASE_URL;
  let onDemo: DemoState | null = null;
  if (databaseUrl) {
    process.env.DATABASE_URL = databaseUrl;
  } else if (demo) {
    Object.assign(process.env, appEnvironment(demo));
    setGlobalDispatcher(createEmulatorDispatcher(demo.adminOrigin));
    onDemo = demo;
  } else {
    throw new UsageError("no running demo found (.cache/demo/demo.json): start `npm run demo`, or pass --database-url");
  }
  process.env.NODE_ENV ??= "production";
  const { prisma } = await import("../app/db.server");
  const shopOption = () => {
    const shop = options.shop ?? onDemo?.shop;
    if (!shop) throw new UsageError("--shop is required outside the demo");
    return shop;
  };
  return { prisma, shopOption };
}

async function link(waybill: string | undefined, order: string | undefined): Promise<number> {
  if (!waybill || !order) throw new UsageError("link needs a waybill and an order, e.g. link WK-77 '#1004'");
  const { prisma, shopOption } = await openInstallation();
  const { LinkError, linkWaybillToOrder } = await import("../app/sync/link-waybill.server");
  try {
    const linked = await linkWaybillToOrder(shopOption(), waybill, order, new Date());
    console.log(
      `linked waybill ${waybill} to order ${linked.orderName} (${linked.orderId}); ${linked.requeued} parked event(s) queued again`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof LinkError)) throw error;
    console.error(`cannot link: ${error.message}`);
    return 1;
  } finally {
    await prisma.$disconnect();
  }
}

async function events(): Promise<number> {
  const state = options.state;
  if (state !== undefined && !isInboxState(state)) throw new UsageError(`--state must be one of ${INBOX_STATES.join(", ")}`);
  const limit = Number(options.limit);
  if (!Number.isSafeInteger(limit) || limit < 1) throw new UsageError("--limit must be a positive whole number");
  const { prisma, shopOption } = await openInstallation();
  const { listShopEvents } = await import("../app/inbox/inbox-store.server");
  try {
    const rows = await listShopEvents(shopOption(), { state, take: limit });
    if (rows.length === 0) console.log("no events");
    for (const row of rows.reverse()) {
      const repeats = row.receiptCount > 1 ? ` ×${row.receiptCount}` : "";
      const error = row.lastError ? `  (${row.lastError})` : "";
      console.log(
        `${String(row.id).padStart(5)}  ${row.state.padEnd(11)} ${row.waybill.padEnd(12)} ${row.topicName.padEnd(28)} ${row.occurredAtText}  attempts ${row.attempts}${repeats}${error}`,
      );
    }
    return 0;
  } finally {
    await prisma.$disconnect();
  }
}

async function retry(id: string | undefined): Promise<number> {
  const eventId = Number(id);
  if (!Number.isSafeInteger(eventId)) throw new UsageError("retry needs an event id (see `events`)");
  const { prisma } = await openInstallation();
  const { retryInboxEvent } = await import("../app/inbox/manual-retry.server");
  const { shopOfEvent } = await import("../app/inbox/inbox-store.server");
  try {
    // The event names its shop, so an operator needs only the id the event list shows.
    const shop = options.shop ?? (await shopOfEvent(eventId));
    const result = shop ? await retryInboxEvent(shop, eventId, new Date()) : ({ ok: false, reason: "not_found" } as const);
    if (result.ok) {
      console.log(`event ${eventId} queued again`);
      return 0;
    }
    console.error(
      result.reason === "not_found"
        ? `no event ${eventId}`
        : `event ${eventId} cannot be retried: only ${RETRYABLE_STATES.join(", ")} events can`,
    );
    return 1;
  } finally {
    await prisma.$disconnect();
  }
}

async function main(): Promise<number> {
  const [command, ...rest] = positionals;
  if (options.help || !command) {
    console.log(USAGE);
    return options.help ? 0 : 2;
  }
  switch (command) {
    case "send":
      return send(rest[0]);
    case "link":
      return link(rest[0], rest[1]);
    case "events":
      return events();
    case "retry":
      return retry(rest[0]);
  }
  throw new UsageError(`unknown command "${command}"`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    // The app's environment check names every missing variable; the stack adds nothing.
    console.error(error instanceof Error && error.name === "EnvError" ? error.message : error);
    process.exit(1);
  },
);
