import { describe, expect, it } from "vitest";
import { UsageError } from "../app/operator/operator-arguments";
import { WAKILNI_TOPICS } from "../app/wakilni/topics";
import { SEND_USAGE, sendRequestFrom } from "./wakilni-send";
import { wakilniOrderIdFor } from "./wakilni-sender";

const DEMO = { url: "http://127.0.0.1:1/webhooks/wakilni/k", secret: "s3cret", now: () => new Date("2026-11-28T10:00:00Z") };

function refusal(argv: string[], defaults = DEMO): string {
  try {
    sendRequestFrom(argv, defaults);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`send ${argv.join(" ")} was accepted`);
}

describe("send", () => {
  it("builds the topic's payload for the demo, in Wakilni's local time, with the waybill's own order id", () => {
    const request = sendRequestFrom(["order assigned", "--waybill", "WK-1", "--driver", "Ali", "--driver-phone", "+961 3 1"], DEMO);
    expect(request).toMatchObject({ url: DEMO.url, secret: DEMO.secret, warnings: [] });
    expect(request.payload).toMatchObject({
      event: "Order Assigned",
      timestamp: "2026-11-28 12:00:00",
      data: { waybill: "WK-1", order_id: wakilniOrderIdFor("WK-1"), driver_name: "Ali", driver_phone: "+961 3 1" },
    });
    expect(
      sendRequestFrom(["Order Created", "--waybill", "W", "--order-id", "77", "--url", "http://x/", "--secret", "t"], DEMO),
    ).toMatchObject({
      url: "http://x/",
      secret: "t",
      payload: { data: { order_id: 77 } },
    });
  });

  it("refuses a topic Wakilni does not send, unless told it is meant as a new one", () => {
    expect(refusal(["Order Delivered", "--waybill", "W"])).toBe(
      '"Order Delivered" is not a Wakilni topic (add --allow-unknown-topic to send it as a new one)',
    );
    const meant = sendRequestFrom(["Order Delivered", "--waybill", "W", "--allow-unknown-topic"], DEMO);
    expect(meant.payload).toMatchObject({ event: "Order Delivered" });
    expect(meant.warnings).toEqual([
      'warning: "Order Delivered" is not a topic this app knows: sent as written, the app will store it as unsupported',
    ]);
  });

  it("refuses missing or malformed arguments", () => {
    expect(refusal(["Order Created"])).toMatch(/^send needs one topic and --waybill/);
    expect(refusal(["--waybill", "W"])).toMatch(/^send needs one topic and --waybill/);
    expect(refusal(["Order", "Created", "--waybill", "W"])).toMatch(/^send needs one topic and --waybill/);
    expect(refusal(["Order Created", "--waybill", "W", "--order-id", "12a"])).toBe('--order-id must be a whole number, not "12a"');
    expect(refusal(["Order Created", "--waybill", "W", "--colour", "red"])).toMatch(/^send: Unknown option '--colour'/);
    expect(refusal(["Order Created", "--waybill", "W"], { now: DEMO.now } as typeof DEMO)).toMatch(/^no running demo found/);
  });

  it("lists every topic name in its usage", () => {
    const usage = SEND_USAGE.join("\n");
    for (const name of Object.values(WAKILNI_TOPICS)) expect(usage).toContain(`"${name}"`);
  });
});
