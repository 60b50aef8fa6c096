// Wakilni signs each delivery with base64(HMAC-SHA256(body, secret)) in x-webhook-signature.
// Which secret it uses is not public, and a merchant rotating it needs the old one to keep
// working for a while, so verification accepts any of several secrets and reports which one
// matched. The HMAC must cover the exact bytes received: re-serialized JSON would not match.
import { createHmac, timingSafeEqual } from "node:crypto";

export type SignatureFailure = "missing_signature" | "malformed_signature" | "signature_mismatch";

function hmac(rawBody: Uint8Array | string, secret: string): Buffer {
  return createHmac("sha256", secret).update(rawBody).digest();
}

export function signWakilniBody(rawBody: Uint8Array | string, secret: string): string {
  return hmac(rawBody, secret).toString("base64");
}

/** The digest a header carries, or null unless it is base64 of exactly 32 bytes (padding optional). */
function decodeSignature(header: string): Buffer | null {
  const text = header.trim().replace(/^sha256=/i, "");
  if (!/^[A-Za-z0-9+/]{43}=?$/.test(text)) return null;
  const digest = Buffer.from(text, "base64");
  // Node ignores the last character's unused bits; text that sets them is not a real encoding.
  return digest.toString("base64") === text.padEnd(44, "=") ? digest : null;
}

export function verifyWakilniSignature(
  rawBody: Uint8Array,
  signatureHeader: string | null | undefined,
  secrets: readonly string[],
): { ok: true; secretIndex: number } | { ok: false; reason: SignatureFailure } {
  if (!signatureHeader || signatureHeader.trim() === "") return { ok: false, reason: "missing_signature" };
  const received = decodeSignature(signatureHeader);
  if (!received) return { ok: false, reason: "malformed_signature" };

  // Every secret is compared, so the time taken does not reveal which one matched. An empty
  // secret is a configuration slip, and anyone can compute an HMAC under it: it never matches.
  const matches = secrets.map((secret) => secret !== "" && timingSafeEqual(hmac(rawBody, secret), received));
  const secretIndex = matches.indexOf(true);
  return secretIndex === -1 ? { ok: false, reason: "signature_mismatch" } : { ok: true, secretIndex };
}
