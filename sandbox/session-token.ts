// The session token the Shopify admin hands an embedded app (App Bridge's id_token): an HS256
// JWT signed with the app's API secret, with the claims @shopify/shopify-api's
// decodeSessionToken checks (signature, exp/nbf with 10 s of tolerance, aud = API key) and
// the ones authenticate.admin reads (dest for the shop, sub for online sessions).
import { createHmac, randomUUID } from "node:crypto";

/** Shopify's tokens live one minute; App Bridge fetches a fresh one for every request. */
export const SESSION_TOKEN_LIFETIME_S = 60;

export interface SessionTokenInput {
  shop: string;
  apiKey: string;
  apiSecret: string;
  userId?: string;
  now?: Date;
}

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString("base64url");
}

export function signSessionToken(input: SessionTokenInput): string {
  const issuedAt = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const payload = {
    iss: `https://${input.shop}/admin`,
    dest: `https://${input.shop}`,
    aud: input.apiKey,
    sub: input.userId ?? "1",
    exp: issuedAt + SESSION_TOKEN_LIFETIME_S,
    nbf: issuedAt,
    iat: issuedAt,
    jti: randomUUID(),
    sid: randomUUID(),
  };
  const unsigned = `${base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${base64url(JSON.stringify(payload))}`;
  const signature = createHmac("sha256", input.apiSecret).update(unsigned).digest("base64url");
  return `${unsigned}.${signature}`;
}

/** The admin's `host` parameter: base64 of admin.shopify.com/store/<store handle>. */
export function adminHost(shop: string): string {
  return Buffer.from(`admin.shopify.com/store/${shop.replace(/\.myshopify\.com$/, "")}`).toString("base64");
}
