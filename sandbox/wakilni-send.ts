// `npm run wakilni -- send …`: signs and posts one Wakilni event to a Delivery URL (the running
// demo's, or --url/--secret), a tool for testing, not for production. A topic name the app does
// not know is refused unless --allow-unknown-topic says that is the point (that is how a new
// Wakilni topic arrives: stored as unsupported); the order id is the waybill's own unless
// --order-id gives one, as Wakilni gives every order its own.
import { parseArgs } from "node:util";
import { UsageError } from "../app/operator/operator-arguments";
import { WAKILNI_TOPICS, topicFromName } from "../app/wakilni/topics";
import { specPayload, wakilniTimeText } from "./wakilni-sender";

/** The topic names, quoted, a few to a line. */
function topicLines(perLine: number): string[] {
  const names = Object.values(WAKILNI_TOPICS).map((name) => `"${name}"`);
  return Array.from({ length: Math.ceil(names.length / perLine) }, (_, line) =>
    names.slice(line * perLine, (line + 1) * perLine).join(", "),
  );
}

/** send's lines of the usage (after two spaces of indent); every topic Wakilni sends is listed. */
export const SEND_USAGE = [
  'send "<topic>" --waybill W [--order-id N] [--driver NAME [--driver-phone P]] [--at "YYYY-MM-DD HH:mm:ss"]',
  "   [--allow-unknown-topic] [--url U --secret S]",
  "    signs and posts a Wakilni event (to the running demo unless --url and --secret); the topics:",
  ...topicLines(5).map((line) => `      ${line}`),
];

export interface SendRequest {
  url: string;
  secret: string;
  payload: Record<string, unknown>;
  /** What the operator should know before the answer (an unknown topic sent on purpose). */
  warnings: string[];
}

/** Reads `send`'s arguments (after the word send) into the request to post, or refuses them. */
export function sendRequestFrom(argv: readonly string[], defaults: { url?: string; secret?: string; now: () => Date }): SendRequest {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        waybill: { type: "string" },
        "order-id": { type: "string" },
        driver: { type: "string" },
        "driver-phone": { type: "string", default: "" },
        at: { type: "string" },
        url: { type: "string" },
        secret: { type: "string" },
        "allow-unknown-topic": { type: "boolean", default: false },
      },
    });
  } catch (error) {
    throw new UsageError(`send: ${(error as Error).message}`);
  }
  const { values, positionals } = parsed;
  const [topicName, ...extra] = positionals;
  if (!topicName || !values.waybill?.trim() || extra.length > 0) {
    throw new UsageError('send needs one topic and --waybill, e.g. send "Order Created" --waybill "#1001"');
  }
  const warnings: string[] = [];
  const topic = topicFromName(topicName);
  if (!topic) {
    if (!values["allow-unknown-topic"]) {
      throw new UsageError(`"${topicName}" is not a Wakilni topic (add --allow-unknown-topic to send it as a new one)`);
    }
    warnings.push(`warning: "${topicName}" is not a topic this app knows: sent as written, the app will store it as unsupported`);
  }
  const orderIdText = values["order-id"];
  const orderId = orderIdText === undefined ? undefined : /^\d+$/.test(orderIdText) ? Number(orderIdText) : NaN;
  if (orderId !== undefined && !Number.isSafeInteger(orderId))
    throw new UsageError(`--order-id must be a whole number, not "${orderIdText}"`);
  const url = values.url ?? defaults.url;
  const secret = values.secret ?? defaults.secret;
  if (!url || !secret)
    throw new UsageError("no running demo found (.cache/demo/demo.json): start `npm run demo` or pass --url and --secret");
  const payload = specPayload({
    topic: topic ?? topicName,
    waybill: values.waybill,
    orderId,
    at: values.at ?? wakilniTimeText(defaults.now()),
    driver: values.driver ? { name: values.driver, phone: values["driver-phone"] ?? "" } : undefined,
  });
  return { url, secret, payload, warnings };
}
