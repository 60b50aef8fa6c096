import { describe, expect, it } from "vitest";
import type { WakilniEvent } from "./event";
import { parseWakilniEvent } from "./payload";
import { ALL_TOPICS, WAKILNI_TOPICS } from "./topics";

const BEIRUT = { topicHeader: undefined, timeZone: "Asia/Beirut" };
const EVENT_ID = "e2986cd1-1e85-4ef1-a85a-89488dd27b92";
const bytes = (text: string) => new TextEncoder().encode(text);

// JSON.stringify cannot write a number JSON.parse turns into Infinity, and overflows the stack on
// deep nesting that JSON.parse handles; these markers stand in for such raw JSON text.
const HUGE = "@@huge@@";
const DEEP_JUNK = "@@deep@@";
const RAW_TEXT: Record<string, string> = {
  [HUGE]: "1e400",
  [DEEP_JUNK]: '{"a":['.repeat(50_000) + "1" + "]}".repeat(50_000),
};
const encode = (body: unknown) => bytes(JSON.stringify(body).replace(/"@@\w+@@"/g, (marker) => RAW_TEXT[JSON.parse(marker)]));

/** The spec's "all other topics" shape, with top-level or data fields overridden (undefined drops one). */
function confirmed(top: Record<string, unknown> = {}, data: Record<string, unknown> = {}) {
  return {
    event_id: EVENT_ID,
    event: "Order Confirmed",
    timestamp: "2024-11-14 14:39:13",
    data: {
      order_id: 123,
      waybill: "#1001",
      new_status_code: 7,
      new_status: "Confirmed",
      previous_status_code: 1,
      previous_status: "Pending",
      updated_at: "2024-11-14 14:39:10",
      ...data,
    },
    ...top,
  };
}

function parsedEvent(body: Uint8Array | string, options: Parameters<typeof parseWakilniEvent>[1] = BEIRUT): WakilniEvent {
  const result = parseWakilniEvent(body, options);
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.failure)}`);
  return result.event;
}

const expectInvalid = (body: Uint8Array | string, field: string) => {
  const result = parseWakilniEvent(body, BEIRUT);
  expect(result).toEqual({ ok: false, failure: { reason: "invalid_payload", field, message: expect.any(String) } });
  if (!result.ok && result.failure.reason === "invalid_payload") expect(result.failure.message.startsWith(`${field} `)).toBe(true);
};

describe("parseWakilniEvent: the spec's samples", () => {
  it("reads Order Created", () => {
    const raw = `{ "event_id": "e2986cd1-1e85-4ef1-a85a-89488dd27b92", "event": "Order Created", "timestamp": "2024-11-14 14:39:13",
  "data": { "order_id": 123, "waybill": "#1001", "created_at": "2024-11-14 14:39:10" } }`;
    expect(parsedEvent(bytes(raw), { topicHeader: "Order Created", timeZone: "Asia/Beirut" })).toEqual({
      eventId: EVENT_ID,
      topic: "created",
      topicName: "Order Created",
      wakilniOrderId: "123",
      waybill: "#1001",
      occurredAtText: "2024-11-14 14:39:10",
      occurredAt: new Date("2024-11-14T12:39:10.000Z"),
      timestampText: "2024-11-14 14:39:13",
      newStatus: null,
      previousStatus: null,
      driver: null,
      pickupLocation: null,
    } satisfies WakilniEvent);
  });

  it("reads Order Assigned", () => {
    const raw = `{ "event_id": "e2986cd1-1e85-4ef1-a85a-89488dd27b92", "event": "Order Assigned", "timestamp": "2024-11-14 14:39:13",
  "data": { "order_id": 123, "waybill": "1001", "updated_at": "2024-11-14 14:39:10" } }`;
    expect(parsedEvent(bytes(raw), { topicHeader: "Order Assigned", timeZone: "Asia/Beirut" })).toEqual({
      eventId: EVENT_ID,
      topic: "assigned",
      topicName: "Order Assigned",
      wakilniOrderId: "123",
      waybill: "1001",
      occurredAtText: "2024-11-14 14:39:10",
      occurredAt: new Date("2024-11-14T12:39:10.000Z"),
      timestampText: "2024-11-14 14:39:13",
      newStatus: null,
      previousStatus: null,
      driver: null,
      pickupLocation: null,
    } satisfies WakilniEvent);
  });

  it("reads Order Confirmed, keeping the raw codes even though 7 is CANCELED in the API docs", () => {
    const raw = `{ "event_id": "e2986cd1-1e85-4ef1-a85a-89488dd27b92", "event": "Order Confirmed", "timestamp": "2024-11-14 14:39:13",
  "data": { "order_id": 123, "waybill": "5550001", "new_status_code": 7, "new_status": "Confirmed",
            "previous_status_code": 1, "previous_status": "Pending", "updated_at": "2024-11-14 14:39:10" } }`;
    expect(parsedEvent(bytes(raw), { topicHeader: "Order Confirmed", timeZone: "Asia/Beirut" })).toEqual({
      eventId: EVENT_ID,
      topic: "confirmed",
      topicName: "Order Confirmed",
      wakilniOrderId: "123",
      waybill: "5550001",
      occurredAtText: "2024-11-14 14:39:10",
      occurredAt: new Date("2024-11-14T12:39:10.000Z"),
      timestampText: "2024-11-14 14:39:13",
      newStatus: { code: 7, name: "Confirmed" },
      previousStatus: { code: 1, name: "Pending" },
      driver: null,
      pickupLocation: null,
    } satisfies WakilniEvent);
  });
});

describe("parseWakilniEvent: topics", () => {
  it("knows 13 topics", () => {
    expect(ALL_TOPICS).toHaveLength(13);
  });

  it.each(ALL_TOPICS)("reads %s in the shared shape, with its header", (topic) => {
    const name = WAKILNI_TOPICS[topic];
    const event = parsedEvent(encode(confirmed({ event: name })), { topicHeader: name, timeZone: "Asia/Beirut" });
    expect(event.topic).toBe(topic);
    expect(event.topicName).toBe(name);
    expect(event.newStatus).toEqual({ code: 7, name: "Confirmed" });
  });

  it("matches the body's topic loosely but keeps the text as sent", () => {
    const event = parsedEvent(encode(confirmed({ event: "  order   ready for SELF-PICKUP " })));
    expect(event.topic).toBe("ready_for_pickup");
    expect(event.topicName).toBe("  order   ready for SELF-PICKUP ");
  });

  it.each(["order completed", "  ORDER   COMPLETED\t", "Order\nCompleted"])("accepts the header %j for Order Completed", (topicHeader) => {
    const event = parsedEvent(encode(confirmed({ event: "Order Completed" })), { topicHeader, timeZone: "Asia/Beirut" });
    expect(event.topic).toBe("completed");
  });

  it.each([null, undefined, "", "   "])("accepts a missing header (%j)", (topicHeader) => {
    expect(parsedEvent(encode(confirmed()), { topicHeader, timeZone: "Asia/Beirut" }).topic).toBe("confirmed");
  });

  it("keeps an unknown topic, with no topic code, so it can be stored and shown", () => {
    const event = parsedEvent(encode(confirmed({ event: "Order Returned To Sender" })), {
      topicHeader: " order returned  to sender ",
      timeZone: "Asia/Beirut",
    });
    expect(event.topic).toBeNull();
    expect(event.topicName).toBe("Order Returned To Sender");
    expect(event.wakilniOrderId).toBe("123");
  });

  it("does not mistake a near-miss spelling for a known topic", () => {
    expect(parsedEvent(encode(confirmed({ event: "Order Cancelled" }))).topic).toBeNull();
  });

  it.each([
    ["another known topic", "Order Canceled", "Order Confirmed"],
    ["an unknown topic for a known one", "Order Returned", "Order Confirmed"],
    ["a known topic for an unknown one", "Order Confirmed", "Order Returned"],
    ["another unknown topic", "Order Lost", "Order Returned"],
    ["a near-miss spelling", "Order Cancelled", "Order Canceled"],
  ])("rejects a header naming %s", (_, topicHeader, event) => {
    expect(parseWakilniEvent(encode(confirmed({ event })), { topicHeader: ` ${topicHeader} `, timeZone: "Asia/Beirut" })).toEqual({
      ok: false,
      failure: { reason: "topic_mismatch", headerTopic: topicHeader, bodyTopic: event },
    });
  });

  it("reports a broken body before a topic mismatch", () => {
    const result = parseWakilniEvent(encode(confirmed({ event: "Order Confirmed" }, { order_id: undefined })), {
      topicHeader: "Order Canceled",
      timeZone: "Asia/Beirut",
    });
    expect(result).toMatchObject({ ok: false, failure: { reason: "invalid_payload", field: "data.order_id" } });
  });
});

describe("parseWakilniEvent: Ready for Self-Pickup and Assigned", () => {
  const pickup = (location: unknown) =>
    encode({
      event_id: EVENT_ID,
      event: "Order Ready for Self-Pickup",
      timestamp: "2024-11-14 14:39:13",
      data: { order_id: 123, waybill: "#1001", location },
    });

  it("reads the spec's location array", () => {
    const event = parsedEvent(pickup(["Achrafieh Office", "+961 1 234 567"]));
    expect(event.topic).toBe("ready_for_pickup");
    expect(event.pickupLocation).toEqual({ officeName: "Achrafieh Office", phone: "+961 1 234 567" });
    expect(event.occurredAtText).toBe("2024-11-14 14:39:13");
    expect(event.occurredAt).toEqual(new Date("2024-11-14T12:39:13.000Z"));
  });

  it("reads a location object", () => {
    const event = parsedEvent(pickup({ office_name: " Achrafieh Office ", phone_number: "+961 1 234 567", extra: 1 }));
    expect(event.pickupLocation).toEqual({ officeName: "Achrafieh Office", phone: "+961 1 234 567" });
  });

  it.each([
    [["Achrafieh Office", null], { officeName: "Achrafieh Office", phone: null }],
    [["Achrafieh Office"], { officeName: "Achrafieh Office", phone: null }],
    [["", "  "], { officeName: null, phone: null }],
    [[], { officeName: null, phone: null }],
    [{ office_name: "Achrafieh Office" }, { officeName: "Achrafieh Office", phone: null }],
    [{}, { officeName: null, phone: null }],
  ])("reads the partial location %j", (location, expected) => {
    expect(parsedEvent(pickup(location)).pickupLocation).toEqual(expected);
  });

  it("has no pickup location when location is null", () => {
    expect(parsedEvent(pickup(null)).pickupLocation).toBeNull();
  });

  it.each([
    [["Achrafieh Office", "+961 1 234 567", "extra"], "data.location"],
    ["Achrafieh Office", "data.location"],
    [42, "data.location"],
    [true, "data.location"],
    [[42, "+961 1 234 567"], "data.location[0]"],
    [["Achrafieh Office", 9611234567], "data.location[1]"],
    [[["nested"], "x"], "data.location[0]"],
    [{ office_name: 42 }, "data.location.office_name"],
    [{ office_name: "Achrafieh Office", phone_number: ["+961"] }, "data.location.phone_number"],
    [["x".repeat(201), "+961"], "data.location[0]"],
  ])("rejects the location %j at %s", (location, field) => {
    expectInvalid(pickup(location), field);
  });

  it("reads Order Assigned with its driver", () => {
    const event = parsedEvent(
      encode({
        event_id: EVENT_ID,
        event: "Order Assigned",
        timestamp: "2024-11-14 14:39:13",
        data: {
          order_id: 123,
          waybill: "#1001",
          driver_name: "علي حسن",
          driver_phone: "+961 70 123 456",
          updated_at: "2024-11-14 14:39:10",
        },
      }),
    );
    expect(event.topic).toBe("assigned");
    expect(event.driver).toEqual({ name: "علي حسن", phone: "+961 70 123 456" });
    expect(event.newStatus).toBeNull();
  });

  it.each([
    [{ driver_name: "Ali" }, { name: "Ali", phone: null }],
    [{ driver_phone: "+961 70 123 456" }, { name: null, phone: "+961 70 123 456" }],
    [{ driver_name: null, driver_phone: null }, null],
    [{ driver_name: "", driver_phone: "  " }, null],
  ])("reads the driver fields %j", (data, expected) => {
    expect(parsedEvent(encode(confirmed({ event: "Order Assigned" }, data))).driver).toEqual(expected);
  });
});

describe("parseWakilniEvent: accepted variations", () => {
  it.each([
    [123, "123"],
    [0, "0"],
    [Number.MAX_SAFE_INTEGER, "9007199254740991"],
    ["123", "123"],
    [" WK-77 ", "WK-77"],
    ["x".repeat(64), "x".repeat(64)],
  ])("reads the order id %j as %j", (orderId, expected) => {
    expect(parsedEvent(encode(confirmed({}, { order_id: orderId }))).wakilniOrderId).toBe(expected);
  });

  it.each([
    [1001, "1001"],
    [-5, "-5"],
    [" #1001 ", "#1001"],
    ["00123", "00123"],
    ["x".repeat(200), "x".repeat(200)],
  ])("reads the waybill %j as %j", (waybill, expected) => {
    expect(parsedEvent(encode(confirmed({}, { waybill }))).waybill).toBe(expected);
  });

  it("reads numeric-string status codes", () => {
    const event = parsedEvent(encode(confirmed({}, { new_status_code: "7", previous_status_code: " 1 " })));
    expect(event.newStatus).toEqual({ code: 7, name: "Confirmed" });
    expect(event.previousStatus).toEqual({ code: 1, name: "Pending" });
  });

  it("keeps a status with only a code or only a name", () => {
    const event = parsedEvent(encode(confirmed({}, { new_status: null, previous_status_code: undefined })));
    expect(event.newStatus).toEqual({ code: 7, name: null });
    expect(event.previousStatus).toEqual({ code: null, name: "Pending" });
  });

  it("has no statuses when every status field is null", () => {
    const event = parsedEvent(
      encode(confirmed({}, { new_status_code: null, new_status: null, previous_status_code: null, previous_status: null })),
    );
    expect(event.newStatus).toBeNull();
    expect(event.previousStatus).toBeNull();
  });

  it("takes updated_at before created_at before timestamp", () => {
    const both = parsedEvent(encode(confirmed({}, { created_at: "2024-11-14 10:00:00" })));
    expect(both.occurredAtText).toBe("2024-11-14 14:39:10");
    const createdOnly = parsedEvent(encode(confirmed({}, { updated_at: null, created_at: "2024-11-14 10:00:00" })));
    expect(createdOnly.occurredAtText).toBe("2024-11-14 10:00:00");
    expect(createdOnly.occurredAt).toEqual(new Date("2024-11-14T08:00:00.000Z"));
    const neither = parsedEvent(encode(confirmed({}, { updated_at: undefined, created_at: null })));
    expect(neither.occurredAtText).toBe("2024-11-14 14:39:13");
    expect(neither.timestampText).toBe("2024-11-14 14:39:13");
  });

  it("reads times in the shop's zone", () => {
    const body = encode(confirmed({}, { updated_at: "2024-07-01 12:00:00" }));
    expect(parsedEvent(body, { topicHeader: undefined, timeZone: "Asia/Beirut" }).occurredAt).toEqual(new Date("2024-07-01T09:00:00Z"));
    expect(
      parsedEvent(encode(confirmed({}, { updated_at: "2024-01-15 12:00:00" })), { topicHeader: undefined, timeZone: "Asia/Amman" })
        .occurredAt,
    ).toEqual(new Date("2024-01-15T09:00:00Z"));
    expect(parsedEvent(body, { topicHeader: undefined, timeZone: "UTC" }).occurredAt).toEqual(new Date("2024-07-01T12:00:00Z"));
  });

  it("honours an explicit zone and keeps the text as sent", () => {
    const event = parsedEvent(encode(confirmed({ timestamp: "2024-11-14T14:39:13Z" }, { updated_at: "2024-11-14T14:39:10.250+03:00" })));
    expect(event.occurredAtText).toBe("2024-11-14T14:39:10.250+03:00");
    expect(event.occurredAt).toEqual(new Date("2024-11-14T11:39:10.250Z"));
    expect(event.timestampText).toBe("2024-11-14T14:39:13Z");
  });

  it("trims the event id", () => {
    expect(parsedEvent(encode(confirmed({ event_id: `  ${EVENT_ID}\n` }))).eventId).toBe(EVENT_ID);
  });

  it("accepts the longest allowed event id and event", () => {
    const event = parsedEvent(encode(confirmed({ event_id: "e".repeat(200), event: "E".repeat(200) })));
    expect(event.eventId).toBe("e".repeat(200));
    expect(event.topic).toBeNull();
  });

  it("ignores unknown fields, even huge numbers and deep junk in them", () => {
    const event = parsedEvent(encode(confirmed({ extra: DEEP_JUNK, huge: HUGE }, { extra: DEEP_JUNK, huge: HUGE, tracking_id: 9 })));
    expect(event.topic).toBe("confirmed");
  });

  it("reads a body already decoded to text", () => {
    expect(parsedEvent(JSON.stringify(confirmed())).topic).toBe("confirmed");
  });

  it("reads non-ASCII text from UTF-8 bytes", () => {
    const event = parsedEvent(encode(confirmed({}, { new_status: "مؤكد", waybill: "طلب-1001" })));
    expect(event.newStatus?.name).toBe("مؤكد");
    expect(event.waybill).toBe("طلب-1001");
  });

  it("skips a UTF-8 byte-order mark", () => {
    const body = encode(confirmed());
    expect(parsedEvent(new Uint8Array([0xef, 0xbb, 0xbf, ...body])).topic).toBe("confirmed");
  });

  it("throws for an unknown zone whatever the body, since that is a configuration fault", () => {
    expect(() => parseWakilniEvent(encode(confirmed()), { topicHeader: undefined, timeZone: "Mars/Base" })).toThrow(RangeError);
    expect(() => parseWakilniEvent("not json", { topicHeader: undefined, timeZone: "" })).toThrow(RangeError);
  });
});

describe("parseWakilniEvent: invalid_json", () => {
  it.each([
    ["an empty body", bytes("")],
    ["a truncated body", bytes('{"event_id": "abc"')],
    ["plain text", bytes("event=Order Created")],
    ["a trailing comma", bytes('{"event_id": "abc",}')],
    ["single quotes", bytes("{'event_id': 'abc'}")],
    ["invalid UTF-8", new Uint8Array([...bytes('{"event_id": "'), 0xff, ...bytes('"}')])],
    ["a truncated UTF-8 sequence", new Uint8Array([...bytes('{"event_id": "'), 0xd8, ...bytes('"}')])],
    ["an overlong UTF-8 encoding", new Uint8Array([...bytes('{"event_id": "'), 0xc0, 0xaf, ...bytes('"}')])],
    ["UTF-16 text", new Uint8Array(Buffer.from(JSON.stringify(confirmed()), "utf16le"))],
    ["an empty string", ""],
  ])("for %s", (_, body) => {
    expect(parseWakilniEvent(body, BEIRUT)).toEqual({ ok: false, failure: { reason: "invalid_json", message: expect.any(String) } });
  });
});

describe("parseWakilniEvent: invalid_payload", () => {
  it.each([
    ["null", "null"],
    ["an array", JSON.stringify([confirmed()])],
    ["an empty array", "[]"],
    ["a number", "123"],
    ["a string", '"Order Created"'],
    ["true", "true"],
    ["a deeply nested array", "[".repeat(100_000) + "]".repeat(100_000)],
  ])("rejects a top level that is %s", (_, raw) => {
    expectInvalid(bytes(raw), "$");
  });

  const cases: Array<[string, string, Record<string, unknown>, Record<string, unknown>]> = [
    ["event_id", "missing", { event_id: undefined }, {}],
    ["event_id", "null", { event_id: null }, {}],
    ["event_id", "empty", { event_id: "" }, {}],
    ["event_id", "blank", { event_id: "   " }, {}],
    ["event_id", "a number", { event_id: 42 }, {}],
    ["event_id", "an object", { event_id: { id: EVENT_ID } }, {}],
    ["event_id", "over 200 characters", { event_id: "e".repeat(201) }, {}],
    ["event", "missing", { event: undefined }, {}],
    ["event", "empty", { event: "" }, {}],
    ["event", "a number", { event: 7 }, {}],
    ["event", "an array", { event: ["Order Created"] }, {}],
    ["event", "over 200 characters", { event: "E".repeat(201) }, {}],
    ["timestamp", "missing", { timestamp: undefined }, {}],
    ["timestamp", "null", { timestamp: null }, {}],
    ["timestamp", "garbage", { timestamp: "yesterday" }, {}],
    ["timestamp", "an impossible date", { timestamp: "2024-02-30 10:00:00" }, {}],
    ["timestamp", "an impossible hour", { timestamp: "2024-11-14 25:00:00" }, {}],
    ["timestamp", "day-first", { timestamp: "14-11-2024 14:39:13" }, {}],
    ["timestamp", "a Unix time", { timestamp: 1731595153 }, {}],
    ["data", "missing", { data: undefined }, {}],
    ["data", "null", { data: null }, {}],
    ["data", "an array", { data: [{ order_id: 123 }] }, {}],
    ["data", "a string", { data: '{"order_id": 123}' }, {}],
    ["data.order_id", "missing", {}, { order_id: undefined }],
    ["data.order_id", "null", {}, { order_id: null }],
    ["data.order_id", "empty", {}, { order_id: "" }],
    ["data.order_id", "blank", {}, { order_id: "  " }],
    ["data.order_id", "negative", {}, { order_id: -1 }],
    ["data.order_id", "fractional", {}, { order_id: 1.5 }],
    ["data.order_id", "beyond safe integers", {}, { order_id: 2 ** 53 }],
    ["data.order_id", "1e400", {}, { order_id: HUGE }],
    ["data.order_id", "over 64 characters", {}, { order_id: "1".repeat(65) }],
    ["data.order_id", "a boolean", {}, { order_id: true }],
    ["data.order_id", "an array", {}, { order_id: [123] }],
    ["data.order_id", "an object", {}, { order_id: { id: 123 } }],
    ["data.order_id", "deeply nested junk", {}, { order_id: DEEP_JUNK }],
    ["data.waybill", "missing", {}, { waybill: undefined }],
    ["data.waybill", "empty", {}, { waybill: "" }],
    ["data.waybill", "over 200 characters", {}, { waybill: "w".repeat(201) }],
    ["data.waybill", "fractional", {}, { waybill: 10.5 }],
    ["data.waybill", "1e400", {}, { waybill: HUGE }],
    ["data.waybill", "a boolean", {}, { waybill: false }],
    ["data.waybill", "deeply nested junk", {}, { waybill: DEEP_JUNK }],
    ["data.updated_at", "garbage", {}, { updated_at: "soon" }],
    ["data.updated_at", "a number", {}, { updated_at: 1731595150 }],
    ["data.updated_at", "an impossible date", {}, { updated_at: "2023-02-29 10:00:00" }],
    ["data.updated_at", "empty", {}, { updated_at: "" }],
    ["data.created_at", "garbage", {}, { created_at: "2024-11-14" }],
    ["data.created_at", "an object", {}, { created_at: { date: "2024-11-14 14:39:10" } }],
    ["data.created_at", "deeply nested junk", {}, { created_at: DEEP_JUNK }],
    ["data.location[0]", "deeply nested junk", {}, { location: [DEEP_JUNK] }],
    ["data.new_status_code", "a word", {}, { new_status_code: "seven" }],
    ["data.new_status_code", "fractional", {}, { new_status_code: 7.5 }],
    ["data.new_status_code", "a decimal string", {}, { new_status_code: "7.0" }],
    ["data.new_status_code", "an empty string", {}, { new_status_code: "" }],
    ["data.new_status_code", "1e400", {}, { new_status_code: HUGE }],
    ["data.new_status_code", "an unsafe numeric string", {}, { new_status_code: "9007199254740993" }],
    ["data.new_status_code", "a boolean", {}, { new_status_code: true }],
    ["data.previous_status_code", "an array", {}, { previous_status_code: [1] }],
    ["data.new_status", "a number", {}, { new_status: 7 }],
    ["data.new_status", "over 200 characters", {}, { new_status: "s".repeat(201) }],
    ["data.previous_status", "an object", {}, { previous_status: { name: "Pending" } }],
    ["data.driver_name", "a number", {}, { driver_name: 5 }],
    ["data.driver_name", "over 200 characters", {}, { driver_name: "d".repeat(201) }],
    ["data.driver_phone", "a number", {}, { driver_phone: 96170123456 }],
  ];

  it.each(cases)("rejects %s when it is %s", (field, _, top, data) => {
    expectInvalid(encode(confirmed(top, data)), field);
  });

  it("writes a message that reads on its own in a log", () => {
    expect(parseWakilniEvent(encode(confirmed({}, { order_id: -1 })), BEIRUT)).toEqual({
      ok: false,
      failure: { reason: "invalid_payload", field: "data.order_id", message: "data.order_id must not be negative" },
    });
    expect(parseWakilniEvent(encode(confirmed({ timestamp: "soon" })), BEIRUT)).toEqual({
      ok: false,
      failure: { reason: "invalid_payload", field: "timestamp", message: 'timestamp must be a time like "2024-11-14 14:39:13"' },
    });
  });

  it("names the first offending field in document order", () => {
    expectInvalid(encode(confirmed({ event_id: 1, event: 2 }, { order_id: null })), "event_id");
    expectInvalid(encode(confirmed({}, { order_id: null, waybill: null })), "data.order_id");
  });
});

describe("parseWakilniEvent: text a database cannot store", () => {
  // JSON.stringify escapes these ("\u0000", "\ud800"), as a signed body would carry them.
  // [what, as sent, as kept in free text]
  const UNSTORABLE: Array<[string, string, string]> = [
    ["a NUL", "a\u0000b", "a\ufffdb"],
    ["a lone high surrogate", "a\ud800b", "a\ufffdb"],
    ["a lone low surrogate", "a\udc00b", "a\ufffdb"],
    ["a high surrogate at the end", "ab\ud83d", "ab\ufffd"],
    ["two high surrogates", "\ud83d\ud83d\ude00", "\ufffd😀"],
  ];
  const IDENTIFIERS: Array<[string, (text: string) => Record<string, unknown>, Record<string, unknown> | undefined]> = [
    ["event_id", (text) => ({ event_id: text }), undefined],
    ["event", (text) => ({ event: text }), undefined],
    ["data.order_id", () => ({}), { order_id: "" }],
    ["data.waybill", () => ({}), { waybill: "" }],
  ];

  describe.each(IDENTIFIERS)("refuses in %s", (field, top, data) => {
    it.each(UNSTORABLE)("%s", (_, text) => {
      const dataOverride = data ? Object.fromEntries(Object.keys(data).map((key) => [key, text])) : {};
      const result = parseWakilniEvent(encode(confirmed(top(text), dataOverride)), BEIRUT);
      expect(result).toEqual({
        ok: false,
        failure: { reason: "invalid_payload", field, message: `${field} must not contain a NUL character or a lone UTF-16 surrogate` },
      });
    });
  });

  it.each(UNSTORABLE)("replaces %s in free text with U+FFFD and keeps the event", (_, text, replaced) => {
    const event = parsedEvent(
      encode(
        confirmed(
          {},
          {
            driver_name: text,
            driver_phone: text,
            new_status: text,
            previous_status: text,
            location: { office_name: text, phone_number: text },
          },
        ),
      ),
    );
    expect(event.driver).toEqual({ name: replaced, phone: replaced });
    expect(event.newStatus?.name).toBe(replaced);
    expect(event.previousStatus?.name).toBe(replaced);
    expect(event.pickupLocation).toEqual({ officeName: replaced, phone: replaced });
    // The result is storable: it encodes to UTF-8 and back unchanged, with no NUL.
    expect(new TextDecoder().decode(new TextEncoder().encode(replaced))).toBe(replaced);
    expect(replaced).not.toContain("\u0000");
  });

  it("keeps well-formed pairs (emoji) and other control characters as sent", () => {
    const event = parsedEvent(encode(confirmed({ event_id: "id-😀" }, { waybill: "#1001\t", driver_name: "Ali 😀\u0001" })));
    expect(event.eventId).toBe("id-😀");
    expect(event.driver?.name).toBe("Ali 😀\u0001");
  });

  it.each(["0000-01-01 00:00:00", "0001-01-01 00:00:00", "1900-01-01 00:00:00", "9999-12-31 23:59:59"])(
    "reads the edge year %s as a time (the receiver's window refuses it)",
    (time) => {
      expect(parsedEvent(encode(confirmed({ timestamp: time }, { updated_at: time }))).occurredAtText).toBe(time);
    },
  );
});
