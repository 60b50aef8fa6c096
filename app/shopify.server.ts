// The Shopify side of the app: embedded auth by token exchange, sessions in Prisma with their
// tokens sealed, the Admin API version of admin-api-version.ts, App Store distribution.
// Everything that talks to a shop goes through this object.
import "@shopify/shopify-app-remix/adapters/node";
import { type ApiVersion, AppDistribution, LogSeverity, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { ADMIN_API_VERSION } from "./admin-api-version";
import { prisma } from "./db.server";
import { env } from "./env.server";
import { ensureShop } from "./settings/shop-settings.server";
import { SealedSessionStorage } from "./settings/sealed-session-storage.server";
import { secretBox } from "./settings/sealing.server";
import { logger, withoutTokens } from "./logging/logger.server";

const LIBRARY_LEVELS = {
  [LogSeverity.Error]: "error",
  [LogSeverity.Warning]: "warn",
  [LogSeverity.Info]: "info",
  [LogSeverity.Debug]: "debug",
} as const;

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
  // The library's lines go into the app's log. It reports every authenticated request at info
  // ("Authenticating admin request" was 80% of the demo's log), so production keeps only its
  // warnings and errors; elsewhere LOG_LEVEL decides. Its debug lines quote the session token, so
  // tokens are cut out of every line; its HTTP request logging stays off.
  logger: {
    level: env.NODE_ENV === "production" ? LogSeverity.Warning : LogSeverity.Debug,
    httpRequests: false,
    // The library prefixes "[package/LEVEL] "; the level is the line's own, so it goes.
    log: (severity, message) =>
      logger[LIBRARY_LEVELS[severity]]({ component: "shopify-app" }, withoutTokens(message.replace(/^\[[^\]]*\] /, ""))),
  },
  hooks: {
    afterAuth: async ({ session }) => {
      try {
        await ensureShop(session.shop);
      } catch (error) {
        // Thrown as is, the library would turn this into the same bare 500 as a failed token
        // exchange (see authenticateAdmin): the database is the app's problem, and a passing one.
        logger.error({ shop: session.shop, err: error }, "could not record the shop after authenticating it");
        throw new Response("The app could not open its database; please try again in a moment.", {
          status: 503,
          headers: { "Retry-After": "5" },
        });
      }
    },
  },
  future: {
    unstable_newEmbeddedAuthStrategy: true,
  },
  ...(env.SHOP_CUSTOM_DOMAIN ? { customShopDomains: [env.SHOP_CUSTOM_DOMAIN] } : {}),
});

/**
 * authenticate.admin, with a failed token exchange refused (403) rather than reported as a
 * server error. The library answers any failure of the exchange — a session token, validly
 * signed, for a shop that has not installed the app, or one Shopify will not exchange — with an
 * empty 500 (the only empty 500 it throws, the afterAuth hook above throwing a 503 instead):
 * the caller has no access to that shop, and nothing went wrong in the app.
 */
async function authenticateAdmin(request: Request): ReturnType<typeof shopify.authenticate.admin> {
  try {
    return await shopify.authenticate.admin(request);
  } catch (thrown) {
    if (thrown instanceof Response && thrown.status === 500 && thrown.body === null) {
      // Same headers: they carry the CORS headers an admin extension's fetch needs to read the answer.
      throw new Response("Shopify did not give this app access to the shop. Open the app from the shop's admin again.", {
        status: 403,
        headers: thrown.headers,
      });
    }
    throw thrown;
  }
}

export default shopify;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = { ...shopify.authenticate, admin: authenticateAdmin };
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
export const sessionStorage = shopify.sessionStorage;
