// Requests as Shopify makes them: embedded admin page loads carrying a real session token,
// and webhooks signed with the app's secret. Shopify's own test helpers sign them, and the
// app's real authenticate functions verify them.
import { randomUUID } from "node:crypto";
import {
  API_KEY,
  API_SECRET_KEY,
  APP_URL,
  RequestType,
  getHmac,
  setUpValidRequest,
  setUpValidSession,
} from "@shopify/shopify-api/test-helpers";
import { ADMIN_API_VERSION } from "../../app/admin-api-version";

export function uniqueShop(label = "shop"): string {
  return `${label}-${randomUUID().slice(0, 8)}.myshopify.com`;
}

/** An offline session in the real (sealing) session storage, as token exchange would leave it. */
export async function installShop(shop: string, token: { accessToken?: string; scope?: string } = {}): Promise<void> {
  const { sessionStorage } = await import("../../app/shopify.server");
  const { accessToken = `shpat_${shop}`, scope } = token;
  await sessionStorage.storeSession(
    setUpValidSession({ shop, expires: undefined, isOnline: false, accessToken, ...(scope ? { scope } : {}) }),
  );
}

export async function embeddedRequest(shop: string, path: string, init?: RequestInit): Promise<Request> {
  return setUpValidRequest(
    { type: RequestType.Admin, store: shop.replace(".myshopify.com", ""), apiKey: API_KEY, apiSecretKey: API_SECRET_KEY },
    new Request(`${APP_URL}${path}`, init),
  );
}

export function shopifyWebhookRequest(path: string, topic: string, shop: string, payload: unknown, secret = API_SECRET_KEY): Request {
  const body = JSON.stringify(payload);
  return new Request(`${APP_URL}${path}`, {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": topic,
      "X-Shopify-Shop-Domain": shop,
      "X-Shopify-Hmac-Sha256": getHmac(body, secret),
      "X-Shopify-Webhook-Id": randomUUID(),
      "X-Shopify-Event-Id": randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
      "X-Shopify-API-Version": ADMIN_API_VERSION,
    },
  });
}

/** Shopify's origin for admin UI extensions: their fetch() calls to the app are cross-origin. */
export const EXTENSION_ORIGIN = "https://extensions.shopifycdn.com";

/** A request as an admin UI extension's fetch() sends it: a real ID token as a Bearer header. */
export async function extensionFetchRequest(shop: string, path: string, init?: RequestInit): Promise<Request> {
  const request = new Request(`${APP_URL}${path}`, init);
  request.headers.set("Origin", EXTENSION_ORIGIN);
  return setUpValidRequest(
    { type: RequestType.Bearer, store: shop.replace(".myshopify.com", ""), apiKey: API_KEY, apiSecretKey: API_SECRET_KEY },
    request,
  );
}
