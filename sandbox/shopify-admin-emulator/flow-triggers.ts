// flowTriggerReceive as Shopify Flow checks it: the handle must be one of the app's flow_trigger
// extensions, and the payload must carry exactly the fields that extension declares, each of its
// type (a reference as its `<object>_id`, the others under their key), within Flow's 50 KB limit.
// The declarations are read from the app's own extensions/*/shopify.extension.toml, so the
// emulator holds the app to what it ships. Accepted calls are recorded for tests to count.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { UserError } from "./fulfillments";
import type { FlowTriggerCallRecord } from "./model";
import type { ShopData } from "./shop-data";

const EXTENSIONS_DIR = path.resolve(import.meta.dirname, "../../extensions");
const MAX_PAYLOAD_BYTES = 50_000;

export interface TriggerField {
  type: string;
  key: string | null;
}

/**
 * The `[[settings.fields]]` of each flow_trigger extension, by handle. A line-based reading of
 * the few TOML forms these files use (`name = "string"` under table headers), not a TOML parser.
 */
export function declaredFlowTriggers(dir = EXTENSIONS_DIR): Map<string, TriggerField[]> {
  const triggers = new Map<string, TriggerField[]>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    let text: string;
    try {
      text = readFileSync(path.join(dir, entry.name, "shopify.extension.toml"), "utf8");
    } catch {
      continue;
    }
    let table = "";
    const top: Record<string, string> = {};
    const fields: Record<string, string>[] = [];
    for (const raw of text.split("\n")) {
      const line = raw.trim();
      const header = /^\[\[?([^\]]+)\]\]?$/.exec(line);
      if (header) {
        table = header[1].trim();
        if (table === "settings.fields") fields.push({});
        continue;
      }
      const pair = /^([A-Za-z_]+)\s*=\s*"((?:[^"\\]|\\.)*)"$/.exec(line);
      if (!pair) continue;
      if (table === "extensions") top[pair[1]] = pair[2];
      else if (table === "settings.fields") fields[fields.length - 1][pair[1]] = pair[2];
    }
    if (top.type === "flow_trigger" && top.handle)
      triggers.set(
        top.handle,
        fields.map((field) => ({ type: field.type, key: field.key ?? null })),
      );
  }
  return triggers;
}

/** The payload key a field is sent under: `order_id` for an order reference, its key otherwise. */
function payloadKey(field: TriggerField): string {
  return field.type.endsWith("_reference") ? `${field.type.replace(/_reference$/, "")}_id` : (field.key ?? "");
}

function typeError(field: TriggerField, value: unknown): string | null {
  switch (field.type) {
    case "boolean":
      return typeof value === "boolean" ? null : "must be a boolean";
    case "number_integer":
      return Number.isInteger(value) ? null : "must be an integer";
    case "number_decimal":
      return typeof value === "number" ? null : "must be a number";
    case "url":
      return typeof value === "string" && URL.canParse(value) ? null : "must be a URL";
    case "single_line_text_field":
      return typeof value === "string" && !value.includes("\n") ? null : "must be a single line of text";
    case "multi_line_text_field":
    case "email":
      return typeof value === "string" ? null : "must be text";
    default:
      if (field.type.endsWith("_reference"))
        return (typeof value === "number" && Number.isSafeInteger(value) && value > 0) || (typeof value === "string" && /^\d+$/.test(value))
          ? null
          : "must be a numeric id";
      return `has a type the emulator does not know (${field.type})`;
  }
}

export function receiveFlowTrigger(
  shop: ShopData,
  args: { handle?: string | null; payload?: unknown; body?: string | null },
  triggers: Map<string, TriggerField[]> = declaredFlowTriggers(),
): { userErrors: UserError[] } {
  if (args.body != null) return { userErrors: [{ field: ["body"], message: "body is deprecated: send handle and payload" }] };
  const fields = args.handle ? triggers.get(args.handle) : undefined;
  if (!fields) return { userErrors: [{ field: ["handle"], message: `Invalid handle: ${args.handle ?? ""}` }] };
  const payload = args.payload;
  if (typeof payload !== "object" || payload === null || Array.isArray(payload))
    return { userErrors: [{ field: ["payload"], message: "Payload must be a JSON object" }] };
  if (Buffer.byteLength(JSON.stringify(payload)) > MAX_PAYLOAD_BYTES)
    return { userErrors: [{ field: ["payload"], message: `Payload exceeds ${MAX_PAYLOAD_BYTES} bytes` }] };
  const errors: UserError[] = [];
  const expected = new Set(fields.map(payloadKey));
  for (const field of fields) {
    const key = payloadKey(field);
    if (!Object.hasOwn(payload, key)) {
      errors.push({ field: ["payload", key], message: `Missing field: ${key}` });
      continue;
    }
    const problem = typeError(field, (payload as Record<string, unknown>)[key]);
    if (problem) errors.push({ field: ["payload", key], message: `${key} ${problem}` });
    else if (field.type === "order_reference" && !shop.order(`gid://shopify/Order/${(payload as Record<string, unknown>)[key]}`))
      errors.push({ field: ["payload", key], message: `${key} is not an order of this shop` });
  }
  for (const key of Object.keys(payload))
    if (!expected.has(key)) errors.push({ field: ["payload", key], message: `Unknown field: ${key}` });
  if (errors.length > 0) return { userErrors: errors };
  const call: FlowTriggerCallRecord = {
    handle: args.handle!,
    payload: structuredClone(payload as Record<string, unknown>),
    receivedAt: shop.timestamp(),
  };
  shop.record.flowTriggers.push(call);
  return { userErrors: [] };
}
