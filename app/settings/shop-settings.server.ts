// The shop's row: created at install, holding the sealed Wakilni credentials (webhook secret,
// app token, API key/secret), the webhook endpoint key, the API region, the last connection
// check and the delivery settings. The only module that opens the sealed Wakilni secrets.
import { randomBytes } from "node:crypto";
import type { Shop } from "@prisma/client";
import { prisma } from "../db.server";
import { secretBox } from "./sealing.server";
import { fulfillmentStageFrom, type DeliverySettings } from "../delivery/settings";
import type { SettingsChanges } from "./settings-form";
import type { SavedCredentials } from "./credentials-form";
import type { WakilniApiCredentials } from "../wakilni/api/wakilni-api";
import { wakilniRegionFrom } from "../wakilni/api/wakilni-hosts";

/** 192 random bits, URL-safe: the unguessable part of the shop's Delivery URL. */
export function newEndpointKey(): string {
  return randomBytes(24).toString("base64url");
}

/**
 * The shop's row, created at first sight and revived after a reinstall. Every admin page load
 * calls it (the layout and the page's loaders run in parallel), so it writes only when needed.
 */
export async function ensureShop(shop: string): Promise<Shop> {
  const existing = await prisma.shop.findUnique({ where: { shop } });
  if (existing && !existing.uninstalledAt) return existing;
  return prisma.shop.upsert({
    where: { shop },
    create: { shop, endpointKey: newEndpointKey() },
    update: { uninstalledAt: null },
  });
}

/** What the webhook endpoint needs of a shop: who it is, how to verify and read its events. */
export type WebhookShop = Pick<Shop, "shop" | "secretSealed" | "previousSecretSealed" | "previousSecretUntil" | "wakilniZone">;

/**
 * The installed shop a Delivery URL belongs to. On the webhook's hot path, so a raw indexed
 * SELECT: Prisma's query compiler costs ten times the lookup itself.
 */
export async function findInstalledShopByEndpointKey(endpointKey: string): Promise<WebhookShop | null> {
  const rows = await prisma.$queryRaw<WebhookShop[]>`
    SELECT "shop", "secretSealed", "previousSecretSealed", "previousSecretUntil", "wakilniZone"
    FROM "Shop" WHERE "endpointKey" = ${endpointKey} AND "uninstalledAt" IS NULL`;
  return rows[0] ?? null;
}

export async function rotateEndpointKey(shop: string): Promise<Shop> {
  return prisma.shop.update({ where: { shop }, data: { endpointKey: newEndpointKey() } });
}

function lastFour(value: string): string {
  return value.slice(-4);
}

const HOUR_MS = 3_600_000;

/**
 * Stores new credentials. A changed secret keeps the old one valid for the shop's rotation
 * window (previousSecretHours), so webhooks Wakilni already signed with it are not rejected
 * while the merchant switches over; 0 retires it at once, for a leaked secret.
 */
export async function saveWakilniCredentials(shop: string, credentials: CredentialsChanges, now: Date): Promise<Shop> {
  const current = await ensureShop(shop);
  return prisma.shop.update({ where: { shop }, data: credentialsUpdate(current, credentials, now) });
}

/**
 * The settings page's one save: credentials (as saveWakilniCredentials stores them) and
 * delivery settings already checked by readSettingsForm, written in one update so that both
 * are saved or neither is.
 */
export async function saveSettings(shop: string, changes: SettingsChanges, now: Date): Promise<Shop> {
  const current = await ensureShop(shop);
  return prisma.shop.update({ where: { shop }, data: { ...credentialsUpdate(current, changes.credentials, now), ...changes.delivery } });
}

type CredentialsChanges = SettingsChanges["credentials"];

function credentialsUpdate(current: Shop, credentials: CredentialsChanges, now: Date): Partial<Shop> {
  const { shop } = current;
  const hours = credentials.previousSecretHours ?? current.previousSecretHours;
  const data: Partial<Shop> = { previousSecretHours: hours };
  if (credentials.appToken !== undefined) {
    data.appTokenSealed = secretBox.seal(credentials.appToken, `${shop}/appToken`);
    data.appTokenLast4 = lastFour(credentials.appToken);
  }
  if (credentials.apiKey !== undefined) {
    data.apiKeySealed = secretBox.seal(credentials.apiKey, `${shop}/apiKey`);
    data.apiKeyLast4 = lastFour(credentials.apiKey);
  }
  if (credentials.apiSecret !== undefined) {
    data.apiSecretSealed = secretBox.seal(credentials.apiSecret, `${shop}/apiSecret`);
    data.apiSecretLast4 = lastFour(credentials.apiSecret);
  }
  if (credentials.wakilniRegion !== undefined) data.wakilniRegion = credentials.wakilniRegion;
  const { secret } = credentials;
  const secretChanged = secret !== undefined && !(current.secretSealed && openSecret(current, "secretSealed") === secret);
  if (secretChanged) {
    data.secretSealed = secretBox.seal(secret, `${shop}/secret`);
    data.secretLast4 = lastFour(secret);
  }
  const previous = previousSecretAfterSave(current, secretChanged, new Date(now.getTime() + hours * HOUR_MS), now);
  data.previousSecretSealed = previous?.sealed ?? null;
  data.previousSecretUntil = previous?.until ?? null;
  return data;
}

/**
 * The replaced secret still accepted after a save, and until when; null when none is (a closed
 * window takes the sealed secret with it). A new window applies to a secret replaced earlier
 * too, but only ever shortens its time: a secret retired because it leaked never comes back.
 */
function previousSecretAfterSave(
  current: Shop,
  secretChanged: boolean,
  windowEnd: Date,
  now: Date,
): { sealed: string; until: Date } | null {
  let previous: { sealed: string; until: Date } | null = null;
  if (secretChanged && current.secretSealed) {
    previous = { sealed: secretBox.seal(openSecret(current, "secretSealed"), `${current.shop}/previousSecret`), until: windowEnd };
  } else if (!secretChanged && current.previousSecretSealed && current.previousSecretUntil) {
    previous = {
      sealed: current.previousSecretSealed,
      until: new Date(Math.min(current.previousSecretUntil.getTime(), windowEnd.getTime())),
    };
  }
  return previous && previous.until > now ? previous : null;
}

type SealedField = "secretSealed" | "previousSecretSealed" | "appTokenSealed" | "apiKeySealed" | "apiSecretSealed";

function openSecret(row: Partial<Shop> & Pick<Shop, "shop">, field: SealedField): string {
  const contextField = {
    secretSealed: "secret",
    previousSecretSealed: "previousSecret",
    appTokenSealed: "appToken",
    apiKeySealed: "apiKey",
    apiSecretSealed: "apiSecret",
  }[field];
  return secretBox.open(row[field] as string, `${row.shop}/${contextField}`);
}

/** The secrets that may have signed a webhook right now: the current one, then the previous one during its window. */
export function webhookSecrets(row: WebhookShop, now: Date): string[] {
  const secrets: string[] = [];
  if (row.secretSealed) secrets.push(openSecret(row, "secretSealed"));
  if (row.previousSecretSealed && row.previousSecretUntil && row.previousSecretUntil > now) {
    secrets.push(openSecret(row, "previousSecretSealed"));
  }
  return secrets;
}

/** Which sealed credentials the shop has: the settings form lets their fields stay empty. */
export function savedCredentialsOf(row: Shop): SavedCredentials {
  return { secret: Boolean(row.secretSealed), apiKey: Boolean(row.apiKeySealed), apiSecret: Boolean(row.apiSecretSealed) };
}

/** Did this save change what the app presents to Wakilni's API (so the connection is checked again)? */
export function changesWakilniApiCredentials(changes: SettingsChanges, before: Shop): boolean {
  const { appToken, apiKey, apiSecret, wakilniRegion } = changes.credentials;
  return (
    appToken !== undefined ||
    apiKey !== undefined ||
    apiSecret !== undefined ||
    (wakilniRegion !== undefined && wakilniRegion !== before.wakilniRegion)
  );
}

/** What the shop gave the app to talk to Wakilni's API, opened for one call; never sent to a browser. */
export type WakilniApiCredentialColumns = Pick<Shop, "shop" | "wakilniRegion" | "appTokenSealed" | "apiKeySealed" | "apiSecretSealed">;

export function wakilniApiCredentialsOf(row: WakilniApiCredentialColumns): WakilniApiCredentials {
  return {
    region: wakilniRegionFrom(row.wakilniRegion),
    appToken: row.appTokenSealed ? openSecret(row, "appTokenSealed") : null,
    apiKey: row.apiKeySealed ? openSecret(row, "apiKeySealed") : null,
    apiSecret: row.apiSecretSealed ? openSecret(row, "apiSecretSealed") : null,
  };
}

/** Everything the merchant chooses about how Wakilni events reach their orders. */
export type ShopDeliverySettings = DeliverySettings & {
  waybillPattern: string;
  wakilniZone: string;
  /** The overview warns after this many hours without a webhook while parcels are on their way. */
  silentAfterHours: number;
  /** Reconciliation (docs/decisions/021): on or off, after how many silent hours, how many look-ups a minute. */
  reconcileEnabled: boolean;
  reconcileSilentHours: number;
  reconcilePerMinute: number;
};

/** The shop row's columns behind ShopDeliverySettings: callers may select only these. */
export type DeliverySettingsColumns = Pick<
  Shop,
  | "tagPrefix"
  | "fulfillmentStage"
  | "notifyCustomer"
  | "showDriverPhoneToBuyers"
  | "trackingUrlTemplate"
  | "waybillPattern"
  | "wakilniZone"
  | "silentAfterHours"
  | "markCodPaid"
  | "reconcileEnabled"
  | "reconcileSilentHours"
  | "reconcilePerMinute"
>;

export function deliverySettingsOf(row: DeliverySettingsColumns): ShopDeliverySettings {
  return {
    tagPrefix: row.tagPrefix,
    fulfillmentStage: fulfillmentStageFrom(row.fulfillmentStage),
    notifyCustomer: row.notifyCustomer,
    showDriverPhoneToBuyers: row.showDriverPhoneToBuyers,
    trackingUrlTemplate: row.trackingUrlTemplate,
    waybillPattern: row.waybillPattern,
    wakilniZone: row.wakilniZone,
    silentAfterHours: row.silentAfterHours,
    markCodPaid: row.markCodPaid,
    reconcileEnabled: row.reconcileEnabled,
    reconcileSilentHours: row.reconcileSilentHours,
    reconcilePerMinute: row.reconcilePerMinute,
  };
}
