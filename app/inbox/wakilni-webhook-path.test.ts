// The Delivery URL's shape: what the merchant is given is what the server recognises, whatever
// the key holds, and nothing else is taken from the rest of the app.
import { describe, expect, it } from "vitest";
import { endpointKeyFromPath, wakilniWebhookPath, wakilniWebhookUrl } from "./wakilni-webhook-path";

describe("wakilniWebhookUrl", () => {
  it("puts the endpoint key after the app's URL", () => {
    expect(wakilniWebhookUrl("https://wakilni-sync.example.com", "Ab3_-x")).toBe(
      "https://wakilni-sync.example.com/webhooks/wakilni/Ab3_-x",
    );
  });

  it("does not double the slash when the app's URL ends with one", () => {
    expect(wakilniWebhookUrl("http://127.0.0.1:3000/", "key")).toBe("http://127.0.0.1:3000/webhooks/wakilni/key");
  });

  it("percent-encodes a key that is not URL-safe", () => {
    expect(wakilniWebhookPath("a/b?c#d é")).toBe("/webhooks/wakilni/a%2Fb%3Fc%23d%20%C3%A9");
  });
});

describe("endpointKeyFromPath", () => {
  it.each(["Ab3_-x", "a/b?c#d é", "%", "ключ", "k".repeat(64)])("reads back the key %j it was built with", (key) => {
    const url = new URL(wakilniWebhookUrl("https://app.example.com", key));
    expect(endpointKeyFromPath(url.pathname + url.search)).toBe(key);
  });

  it("accepts one trailing slash and a query string", () => {
    expect(endpointKeyFromPath("/webhooks/wakilni/key/")).toBe("key");
    expect(endpointKeyFromPath("/webhooks/wakilni/key?attempt=2")).toBe("key");
    expect(endpointKeyFromPath("/webhooks/wakilni/key/?a=1/b#c")).toBe("key");
  });

  it("gives an empty key for a key that is not valid percent-encoding", () => {
    expect(endpointKeyFromPath("/webhooks/wakilni/%E0%A4%A")).toBe("");
  });

  it.each([
    "/",
    "/app",
    "/webhooks/app/uninstalled",
    "/webhooks/wakilni",
    "/webhooks/wakilni/",
    "/webhooks/wakilni//",
    "/webhooks/wakilni/?key",
    "/webhooks/wakilni/key//",
    "/webhooks/wakilni/key/extra",
    "/webhooks/wakilni/key#fragment",
    "/Webhooks/Wakilni/key",
    "/app/webhooks/wakilni/key",
    "http://app.example.com/webhooks/wakilni/key",
  ])("leaves %j to the rest of the app", (target) => {
    expect(endpointKeyFromPath(target)).toBeUndefined();
  });
});
