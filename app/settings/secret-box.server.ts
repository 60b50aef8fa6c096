// Seals secrets at rest (the merchant's Wakilni credentials, Shopify's access tokens) with
// AES-256-GCM. Each envelope names the key that sealed it, so keys can rotate: the first
// configured key seals, every configured key opens. The owner and field are bound in as
// associated data, so an envelope copied to another shop, session or field does not open.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export interface SealingKey {
  id: string;
  key: Buffer;
}

const VERSION = "v1";

export class SecretBox {
  constructor(private readonly keys: readonly SealingKey[]) {
    if (keys.length === 0) throw new Error("SecretBox needs at least one key");
  }

  seal(plaintext: string, context: string): string {
    const { id, key } = this.keys[0];
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    cipher.setAAD(Buffer.from(context, "utf8"));
    const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return [VERSION, id, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(":");
  }

  /** Whether a stored value has the shape of an envelope (plain text written before sealing has not). */
  isEnvelope(value: string): boolean {
    const parts = value.split(":");
    return parts.length === 5 && parts[0] === VERSION && parts.every(Boolean);
  }

  /** True for an envelope the first key sealed; anything else (plain text, an older key) is due for sealing. */
  sealedWithCurrentKey(value: string): boolean {
    return this.isEnvelope(value) && value.startsWith(`${VERSION}:${this.keys[0].id}:`);
  }

  open(envelope: string, context: string): string {
    const [version, keyId, iv, tag, ciphertext] = envelope.split(":");
    if (version !== VERSION || !ciphertext) throw new Error("not a sealed secret");
    const sealingKey = this.keys.find((candidate) => candidate.id === keyId);
    if (!sealingKey) throw new Error(`secret was sealed with key "${keyId}", which is no longer configured`);
    const decipher = createDecipheriv("aes-256-gcm", sealingKey.key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  }
}
