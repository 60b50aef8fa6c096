// Names an inbox event that a customer redaction removed, without keeping anything of it: an
// HMAC-SHA256 of the shop and Wakilni's event_id. The HMAC key is derived (HKDF) from a sealing
// key of SECRETS_ENCRYPTION_KEYS, so a database dump alone cannot test guessed event ids against
// the digests, and the AES keys themselves are used for AES only. Each configured key yields its
// own digest: a tombstone written before a key rotation still matches while its key is listed.
import { createHmac, hkdfSync } from "node:crypto";
import type { SealingKey } from "../settings/secret-box.server";

const DERIVATION_LABEL = "wakilni-delivery-sync/redacted-inbox-event";

export class EventTombstones {
  private readonly hmacKeys: Buffer[];

  constructor(keys: readonly SealingKey[]) {
    if (keys.length === 0) throw new Error("EventTombstones needs at least one key");
    this.hmacKeys = keys.map(({ key }) => Buffer.from(hkdfSync("sha256", key, Buffer.alloc(0), DERIVATION_LABEL, 32)));
  }

  /** The digest a new tombstone is written with (the first key's). */
  digest(shop: string, eventId: string): string {
    return this.digestWith(this.hmacKeys[0], shop, eventId);
  }

  /** Every digest a stored tombstone of this event may carry, one per configured key. */
  candidates(shop: string, eventId: string): string[] {
    return this.hmacKeys.map((key) => this.digestWith(key, shop, eventId));
  }

  private digestWith(key: Buffer, shop: string, eventId: string): string {
    // JSON keeps the pair unambiguous whatever characters an event id holds.
    return createHmac("sha256", key)
      .update(JSON.stringify([shop, eventId]))
      .digest("base64url");
  }
}
