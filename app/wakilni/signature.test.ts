import { describe, expect, it } from "vitest";
import { signWakilniBody, verifyWakilniSignature } from "./signature";

const CURRENT = "current-webhook-secret";
const PREVIOUS = "previous-webhook-secret";
const bytes = (text: string) => new TextEncoder().encode(text);

// Wakilni's real bodies are PHP-encoded: spaces after separators, escaped slashes.
const RAW =
  '{"event_id": "e2986cd1-1e85-4ef1-a85a-89488dd27b92", "event": "Order Created", "timestamp": "2024-11-14 14:39:13", "data": {"order_id": 123, "waybill": "#1001\\/A", "created_at": "2024-11-14 14:39:10"}}';
const BODY = bytes(RAW);

describe("signWakilniBody", () => {
  it("matches a published HMAC-SHA256 test vector, base64-encoded", () => {
    const expected = Buffer.from("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", "hex").toString("base64");
    expect(signWakilniBody("The quick brown fox jumps over the lazy dog", "key")).toBe(expected);
  });

  it("signs a string as its UTF-8 bytes", () => {
    const text = '{"driver_name":"علي","note":"café ✓"}';
    expect(signWakilniBody(text, CURRENT)).toBe(signWakilniBody(bytes(text), CURRENT));
  });
});

describe("verifyWakilniSignature", () => {
  const signature = signWakilniBody(BODY, CURRENT);

  describe("accepts", () => {
    it("a body signed with the current secret", () => {
      expect(verifyWakilniSignature(BODY, signature, [CURRENT, PREVIOUS])).toEqual({ ok: true, secretIndex: 0 });
    });

    it("a body signed with the previous secret, reporting which one matched", () => {
      const old = signWakilniBody(BODY, PREVIOUS);
      expect(verifyWakilniSignature(BODY, old, [CURRENT, PREVIOUS])).toEqual({ ok: true, secretIndex: 1 });
    });

    it("the first of two equal secrets", () => {
      expect(verifyWakilniSignature(BODY, signature, [PREVIOUS, CURRENT, CURRENT])).toEqual({ ok: true, secretIndex: 1 });
    });

    it("a non-ASCII body, signed over its UTF-8 bytes", () => {
      const body = bytes('{"event":"Order Assigned","data":{"driver_name":"محمد","location":["Beyrouth – Achrafieh","+961 1 234 567"]}}');
      expect(verifyWakilniSignature(body, signWakilniBody(body, CURRENT), [CURRENT])).toEqual({ ok: true, secretIndex: 0 });
    });

    it("a body that is not valid UTF-8, since only bytes are signed", () => {
      const body = new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]);
      expect(verifyWakilniSignature(body, signWakilniBody(body, CURRENT), [CURRENT])).toEqual({ ok: true, secretIndex: 0 });
    });

    it("an empty body", () => {
      const body = new Uint8Array();
      expect(verifyWakilniSignature(body, signWakilniBody(body, CURRENT), [CURRENT])).toEqual({ ok: true, secretIndex: 0 });
    });

    it.each([
      ["surrounding whitespace", ` \t${signature}\n`],
      ["a sha256= prefix", `sha256=${signature}`],
      ["an upper-case SHA256= prefix", `SHA256=${signature}`],
      ["a prefix and whitespace", `  sha256=${signature} `],
      ["no padding", signature.replace(/=$/, "")],
    ])("a header with %s", (_, header) => {
      expect(verifyWakilniSignature(BODY, header, [CURRENT])).toEqual({ ok: true, secretIndex: 0 });
    });
  });

  describe("missing_signature", () => {
    it.each([
      ["null", null],
      ["undefined", undefined],
      ["empty", ""],
      ["blank", " \t\n"],
    ])("when the header is %s", (_, header) => {
      expect(verifyWakilniSignature(BODY, header, [CURRENT])).toEqual({ ok: false, reason: "missing_signature" });
    });
  });

  describe("malformed_signature", () => {
    const digest = Buffer.from(signature, "base64");

    it.each([
      ["not base64", "not a signature!"],
      ["the hex digest", digest.toString("hex")],
      ["base64url", digest.toString("base64url")],
      ["a 31-byte digest", digest.subarray(0, 31).toString("base64")],
      ["a 33-byte digest", Buffer.concat([digest, Buffer.from([0])]).toString("base64")],
      ["a SHA-1 sized digest", Buffer.alloc(20).toString("base64")],
      ["whitespace inside", `${signature.slice(0, 20)} ${signature.slice(20)}`],
      ["double padding", `${signature}=`],
      ["a prefix but nothing after it", "sha256="],
      ["another algorithm's prefix", `sha1=${signature}`],
      ["two signatures", `${signature},${signature}`],
    ])("when the header is %s", (_, header) => {
      expect(verifyWakilniSignature(BODY, header, [CURRENT])).toEqual({ ok: false, reason: "malformed_signature" });
    });

    it("when the last character sets bits a 32-byte digest leaves unused, though Node would decode it", () => {
      const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
      const header = signature.slice(0, 42) + alphabet[alphabet.indexOf(signature[42]) | 1] + "=";
      expect(header).not.toBe(signature);
      expect(Buffer.from(header, "base64").equals(digest)).toBe(true);
      expect(verifyWakilniSignature(BODY, header, [CURRENT])).toEqual({ ok: false, reason: "malformed_signature" });
    });
  });

  describe("signature_mismatch", () => {
    it("when no secret signed the body", () => {
      expect(verifyWakilniSignature(BODY, signWakilniBody(BODY, "someone-else"), [CURRENT, PREVIOUS])).toEqual({
        ok: false,
        reason: "signature_mismatch",
      });
    });

    it("when there are no secrets", () => {
      expect(verifyWakilniSignature(BODY, signature, [])).toEqual({ ok: false, reason: "signature_mismatch" });
    });

    it("when the only secret is empty, even for a body signed with the empty key", () => {
      expect(verifyWakilniSignature(BODY, signWakilniBody(BODY, ""), [""])).toEqual({
        ok: false,
        reason: "signature_mismatch",
      });
    });

    it("when the same JSON arrives with different whitespace", () => {
      const compact = bytes(RAW.replace(/": /g, '":').replace(/, "/g, ',"'));
      expect(JSON.parse(new TextDecoder().decode(compact))).toEqual(JSON.parse(RAW));
      expect(verifyWakilniSignature(compact, signature, [CURRENT])).toEqual({ ok: false, reason: "signature_mismatch" });
    });

    it("when the body was re-serialized from its parsed JSON", () => {
      const reserialized = bytes(JSON.stringify(JSON.parse(RAW)));
      expect(verifyWakilniSignature(reserialized, signature, [CURRENT])).toEqual({ ok: false, reason: "signature_mismatch" });
    });

    it("when one byte of the body changed", () => {
      const tampered = bytes(RAW.replace('"order_id": 123', '"order_id": 124'));
      expect(tampered.length).toBe(BODY.length);
      expect(verifyWakilniSignature(tampered, signature, [CURRENT])).toEqual({ ok: false, reason: "signature_mismatch" });
    });

    it("when a non-ASCII body was signed in another encoding", () => {
      const text = '{"driver_name":"café"}';
      const latin1 = signWakilniBody(Buffer.from(text, "latin1"), CURRENT);
      expect(verifyWakilniSignature(bytes(text), latin1, [CURRENT])).toEqual({ ok: false, reason: "signature_mismatch" });
    });

    it("when the secret differs only in case or whitespace", () => {
      expect(verifyWakilniSignature(BODY, signature, [CURRENT.toUpperCase(), ` ${CURRENT}`])).toEqual({
        ok: false,
        reason: "signature_mismatch",
      });
    });
  });
});
