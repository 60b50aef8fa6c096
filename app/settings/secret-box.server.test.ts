import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SecretBox } from "./secret-box.server";

const k1 = { id: "k1", key: randomBytes(32) };
const k2 = { id: "k2", key: randomBytes(32) };

describe("SecretBox", () => {
  it("round-trips a secret and never stores it in clear", () => {
    const box = new SecretBox([k1]);
    const sealed = box.seal("wakilni-secret-123", "shop-a.myshopify.com/secret");
    expect(sealed).not.toContain("wakilni-secret-123");
    expect(sealed.startsWith("v1:k1:")).toBe(true);
    expect(box.open(sealed, "shop-a.myshopify.com/secret")).toBe("wakilni-secret-123");
  });

  it("uses a fresh nonce every time", () => {
    const box = new SecretBox([k1]);
    expect(box.seal("same", "ctx")).not.toBe(box.seal("same", "ctx"));
  });

  it("refuses an envelope moved to another shop or field", () => {
    const box = new SecretBox([k1]);
    const sealed = box.seal("s3cret", "shop-a.myshopify.com/secret");
    expect(() => box.open(sealed, "shop-b.myshopify.com/secret")).toThrow();
    expect(() => box.open(sealed, "shop-a.myshopify.com/appToken")).toThrow();
  });

  it("refuses a tampered envelope", () => {
    const box = new SecretBox([k1]);
    const parts = box.seal("s3cret", "ctx").split(":");
    const body = Buffer.from(parts[4], "base64url");
    body[0] ^= 1;
    parts[4] = body.toString("base64url");
    expect(() => box.open(parts.join(":"), "ctx")).toThrow();
  });

  it("keeps opening old envelopes after a key rotation and seals with the new key", () => {
    const sealedWithOld = new SecretBox([k1]).seal("old", "ctx");
    const rotated = new SecretBox([k2, k1]);
    expect(rotated.open(sealedWithOld, "ctx")).toBe("old");
    expect(rotated.seal("new", "ctx").startsWith("v1:k2:")).toBe(true);
  });

  it("tells an envelope of the current key from plain text and from an older key's envelope", () => {
    const rotated = new SecretBox([k2, k1]);
    expect(rotated.sealedWithCurrentKey(rotated.seal("x", "ctx"))).toBe(true);
    expect(rotated.sealedWithCurrentKey(new SecretBox([k1]).seal("x", "ctx"))).toBe(false);
    expect(rotated.sealedWithCurrentKey("shpat_0123456789abcdef")).toBe(false);
    expect(rotated.sealedWithCurrentKey("v1:k2")).toBe(false);
    expect(rotated.isEnvelope(new SecretBox([k1]).seal("x", "ctx"))).toBe(true);
    expect(rotated.isEnvelope("shpat_0123456789abcdef")).toBe(false);
  });

  it("names the missing key when an envelope's key was removed", () => {
    const sealed = new SecretBox([k1]).seal("x", "ctx");
    expect(() => new SecretBox([k2]).open(sealed, "ctx")).toThrow(/"k1"/);
  });
});
