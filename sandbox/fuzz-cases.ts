// Malformed requests, generated from a seed so a failing case can be replayed: Wakilni webhook
// requests invalid by construction — wrong method, key, size, signature, bytes, JSON or field
// types, or signed but bad: text no database stores, times in the future or an absurd past —
// and, on every route of the app, huge bodies (declared or streamed) and headers sent a few bytes
// at a time. The app must answer each with a 4xx and store nothing.
import { randomBytes } from "node:crypto";
import { signWakilniBody } from "../app/wakilni/signature";
import { parseWakilniEvent } from "../app/wakilni/payload";
import { wakilniWebhookPath } from "../app/inbox/wakilni-webhook-path";
import { pickRandom, seededRandom } from "./seeded-random";
import { appRouteUrls } from "./app-routes";

const MB = 1024 * 1024;

export interface FuzzCase {
  kind: string;
  method: string;
  path: string;
  headers: [string, string][];
  /**
   * Sent as one buffer, trickled chunk by chunk with a pause between (a slow sender), or a huge
   * body of `bytes` sent until the server answers, with that Content-Length or chunked.
   */
  body: Buffer | { chunks: Buffer[]; pauseMs: number } | { hugeBytes: number; declared: boolean } | null;
  /** The request's head sent in pieces of `bytes`, `pauseMs` apart (a slow client). */
  trickleHeaders?: { bytes: number; pauseMs: number };
}

export interface FuzzTarget {
  endpointKey: string;
  secret: string;
}

const ODD_STRINGS = ["", " ", "\u0000", "\uFEFF#1001", "\u202E1001", "١٠٠١", "𝟙𝟘𝟘𝟙", "e\u0301", "\uD800", "#".repeat(300), "null", "0x10"];
const ODD_VALUES: unknown[] = [
  null,
  true,
  Number("1e400"),
  -1,
  1.5,
  Number("9007199254740993"),
  [],
  {},
  [1, 2],
  { $ne: 1 },
  "x".repeat(250),
  ...ODD_STRINGS,
];

function validShape(random: () => number): Record<string, unknown> {
  return {
    event_id: `fuzz-${Math.floor(random() * 1e9)}`,
    event: "Order Completed",
    timestamp: "2026-11-28 10:00:00",
    data: { order_id: 123, waybill: "#1001", new_status_code: 4, new_status: "Completed", updated_at: "2026-11-28 10:00:00" },
  };
}

/**
 * A payload with one field made wrong. Some odd values are legitimately accepted (a null
 * updated_at, a negative waybill number), so a draw the app's own parser accepts is drawn again:
 * the fuzzer probes robustness, and every case it sends must be one the endpoint refuses.
 */
function brokenPayload(random: () => number): Record<string, unknown> {
  for (;;) {
    const payload = validShape(random);
    const data = payload.data as Record<string, unknown>;
    const field = pickRandom(random, [
      "event_id",
      "event",
      "timestamp",
      "data",
      "order_id",
      "waybill",
      "updated_at",
      "new_status_code",
      "location",
      "driver_name",
    ]);
    const value = pickRandom(random, ODD_VALUES);
    if (field in payload) payload[field] = value;
    else if (field === "location") data.location = pickRandom(random, [[1, 2], "office", [null, null, null], { office_name: 5 }, value]);
    else data[field] = value;
    if (!parseWakilniEvent(JSON.stringify(payload), { topicHeader: null, timeZone: "Asia/Beirut" }).ok) return payload;
  }
}

/** A signed payload whose identifier holds text no database can store (a NUL or a lone UTF-16 surrogate). */
function unstorableIdentifier(random: () => number): Record<string, unknown> {
  const payload = validShape(random);
  const data = payload.data as Record<string, unknown>;
  const bad = pickRandom(random, ["\u0000", "\ud800", "\udfff", "x\u0000y", "\ud83d#1001"]);
  const field = pickRandom(random, ["event_id", "order_id", "waybill"]);
  if (field === "event_id") payload.event_id = `${payload.event_id as string}${bad}`;
  else data[field] = `${String(data[field])}${bad}`;
  return payload;
}

/** A signed payload dated where no delivery can be: ahead of the receiving clock, or in an absurd past. */
function impossibleTime(random: () => number, future: boolean): Record<string, unknown> {
  const payload = validShape(random);
  const year = future ? pickRandom(random, ["2099", "2999", "9999"]) : pickRandom(random, ["0000", "0001", "1900", "1970"]);
  const time = `${year}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)} 1${Math.floor(random() * 9)}:00:00`;
  payload.timestamp = time;
  (payload.data as Record<string, unknown>).updated_at = time;
  return payload;
}

function nested(depth: number): string {
  return "[".repeat(depth) + "]".repeat(depth);
}

export function fuzzCases(count: number, seed: number, target: FuzzTarget): FuzzCase[] {
  const random = seededRandom(seed);
  const path = wakilniWebhookPath(target.endpointKey);
  const routes = appRouteUrls(target.endpointKey);
  const signed = (body: Buffer): [string, string][] => [
    ["content-type", "application/json"],
    ["x-webhook-signature", signWakilniBody(body, target.secret)],
    ["x-webhook-topic", "Order Completed"],
  ];
  const makers: (() => FuzzCase)[] = [
    () => {
      const body = randomBytes(Math.floor(random() * 2048));
      return {
        kind: "random bytes, unsigned",
        method: "POST",
        path,
        headers: [["x-webhook-signature", randomBytes(32).toString("base64")]],
        body,
      };
    },
    () => {
      const body = randomBytes(1 + Math.floor(random() * 512));
      return { kind: "random bytes, signed", method: "POST", path, headers: signed(body), body };
    },
    () => {
      const text = JSON.stringify(validShape(random));
      const body = Buffer.from(text.slice(0, Math.floor(random() * (text.length - 1))));
      return { kind: "truncated JSON, signed", method: "POST", path, headers: signed(body), body };
    },
    () => {
      const body = Buffer.from(nested(1000 + Math.floor(random() * 50_000)));
      return { kind: "deeply nested JSON, signed", method: "POST", path, headers: signed(body), body };
    },
    () => {
      const body = Buffer.from(JSON.stringify(brokenPayload(random)));
      return { kind: "wrong field type, signed", method: "POST", path, headers: signed(body), body };
    },
    () => {
      const body = Buffer.from(JSON.stringify(validShape(random)).replace('"order_id":123', `"order_id":${"9".repeat(400)}`));
      return { kind: "huge number, signed", method: "POST", path, headers: signed(body), body };
    },
    () => {
      const body = Buffer.concat([
        Buffer.from('{"event_id":"'),
        Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
        Buffer.from('","event":"Order Completed"}'),
      ]);
      return { kind: "invalid UTF-8, signed", method: "POST", path, headers: signed(body), body };
    },
    () => {
      const body = Buffer.from(JSON.stringify(validShape(random)));
      return { kind: "missing signature", method: "POST", path, headers: [["content-type", "application/json"]], body };
    },
    () => {
      const body = Buffer.from(JSON.stringify(validShape(random)));
      const other = signWakilniBody(body, `${target.secret}-not`);
      return {
        kind: "duplicated signature header",
        method: "POST",
        path,
        headers: [
          ["x-webhook-signature", other],
          ["x-webhook-signature", signWakilniBody(body, target.secret)],
        ],
        body,
      };
    },
    () => {
      const body = Buffer.from(JSON.stringify(validShape(random)));
      return {
        kind: "wrong secret",
        method: "POST",
        path,
        headers: [["x-webhook-signature", signWakilniBody(body, pickRandom(random, ODD_STRINGS) + "x")]],
        body,
      };
    },
    () => {
      const body = Buffer.from(JSON.stringify(validShape(random)));
      return { kind: "signature of other bytes", method: "POST", path, headers: signed(Buffer.concat([body, Buffer.from(" ")])), body };
    },
    () => {
      const body = Buffer.from(JSON.stringify(validShape(random)));
      const headers = signed(body).map(([name, value]): [string, string] =>
        name === "x-webhook-topic" ? [name, "Order Canceled"] : [name, value],
      );
      return { kind: "topic header disagrees", method: "POST", path, headers, body };
    },
    () => {
      const body = Buffer.from(JSON.stringify(validShape(random)));
      const key = pickRandom(random, [
        "",
        "x",
        "../../etc/passwd",
        "%00",
        target.endpointKey.slice(1),
        target.endpointKey + "A",
        "a".repeat(300),
      ]);
      return { kind: "wrong key", method: "POST", path: wakilniWebhookPath(key), headers: signed(body), body };
    },
    () => {
      const body = Buffer.from(JSON.stringify(unstorableIdentifier(random)));
      return { kind: "NUL or lone surrogate in an identifier, signed", method: "POST", path, headers: signed(body), body };
    },
    () => {
      const body = Buffer.from(JSON.stringify(impossibleTime(random, true)));
      return { kind: "dated in the future, signed", method: "POST", path, headers: signed(body), body };
    },
    () => {
      const body = Buffer.from(JSON.stringify(impossibleTime(random, false)));
      return { kind: "dated in an absurd past, signed", method: "POST", path, headers: signed(body), body };
    },
    () => ({ kind: "wrong method", method: pickRandom(random, ["GET", "PUT", "DELETE", "PATCH"]), path, headers: [], body: null }),
    () => {
      const body = Buffer.alloc(256 * 1024 + 1 + Math.floor(random() * 100_000), 0x20);
      return { kind: "oversized body", method: "POST", path, headers: signed(Buffer.from("{}")), body };
    },
    () => {
      const body = Buffer.from(JSON.stringify(validShape(random)));
      const chunks = Array.from({ length: 4 }, (_, index) => body.subarray((index * body.length) / 4, ((index + 1) * body.length) / 4));
      return {
        kind: "slow body, wrong signature",
        method: "POST",
        path,
        headers: [["x-webhook-signature", randomBytes(32).toString("base64")]],
        body: { chunks, pauseMs: 60 },
      };
    },
    () => ({
      kind: "huge declared body, any route",
      method: "POST",
      path: pickRandom(random, routes),
      headers: [
        ["content-type", pickRandom(random, ["application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])],
      ],
      body: { hugeBytes: 400 * MB, declared: true },
    }),
    () => ({
      kind: "huge streamed body, any route",
      method: pickRandom(random, ["POST", "PUT", "GET"]),
      path: pickRandom(random, routes),
      headers: [["content-type", "application/json"]],
      body: { hugeBytes: 50 * MB, declared: false },
    }),
    () => {
      const body = Buffer.from(JSON.stringify(validShape(random)));
      const target = pickRandom(random, [path, ...routes.filter((route) => route.startsWith("/webhooks/"))]);
      return {
        kind: "slow headers, unsigned",
        method: "POST",
        path: target,
        headers: [
          ["content-type", "application/json"],
          ["x-webhook-signature", randomBytes(32).toString("base64")],
          ["x-shopify-hmac-sha256", randomBytes(32).toString("base64")],
          ["x-shopify-topic", "app/uninstalled"],
          ["x-shopify-shop-domain", "fuzz.myshopify.com"],
        ],
        body,
        trickleHeaders: { bytes: 24, pauseMs: 20 },
      };
    },
  ];
  return Array.from({ length: count }, (_, index) => makers[index % makers.length]());
}
