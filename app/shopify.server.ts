// The Shopify side of the app: embedded auth by token exchange, sessions in Prisma with their
// tokens sealed, the Admin API version of admin-api-version.ts, App Store distribution.
// Everything that talks to a shop goes through this object.
import "@shopify/shopify-app-remix/adapters/node";
import { type ApiVersion, AppDistribution, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { ADMIN_API_VERSION } from "./admin-api-version";
import { prisma } from "./db.server";
import { env } from "./env.server";
import { ensureShop } from "./settings/shop-settings.server";
import { SealedSessionStorage } from "./settings/sealed-session-storage.server";
import { secretBox } from "./settings/sealing.server";

const shopify = shopifyApp({
  apiKey: env.SHOPIFY_API_KEY,
  apiSecretKey: env.SHOPIFY_API_SECRET,
  // `satisfies` makes tsc refuse a version this library does not know.
  apiVersion: ADMIN_API_VERSION satisfies `${ApiVersion}` as ApiVersion,
  scopes: env.SCOPES.split(","),
  appUrl: env.SHOPIFY_APP_URL,
  authPathPrefix: "/auth",
  sessionStorage: new SealedSessionStorage(new PrismaSessionStorage(prisma), secretBox),
  distribution: AppDistribution.AppStore,
  hooks: {
    afterAuth: async ({ session }) => {
      await ensureShop(session.shop);
    },
  },
  future: {
    unstable_newEmbeddedAuthStrategy: true,
  },
  ...(env.SHOP_CUSTOM_DOMAIN ? { customShopDomains: [env.SHOP_CUSTOM_DOMAIN] } : {}),
});

export default shopify;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
export const sessionStorage = shopify.sessionStorage;
