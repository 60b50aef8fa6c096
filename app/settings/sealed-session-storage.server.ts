// Shopify's sessions at rest. The offline access token (and a refresh token, should Shopify
// issue one) is sealed in the same envelope as the Wakilni credentials (decision 004), so a
// database file, dump or backup holds no usable `shpat_` token. SealedSessionStorage wraps the
// Prisma storage the Shopify library writes and reads through; everything else that needs a
// shop's token calls offlineAccessToken. Nothing else reads the Session table's tokens.
import { Session } from "@shopify/shopify-app-remix/server";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import type { Database } from "../db.server";
import type { SecretBox } from "./secret-box.server";
import { logger } from "../logging/logger.server";

type TokenField = "accessToken" | "refreshToken";

const TOKEN_FIELDS: readonly TokenField[] = ["accessToken", "refreshToken"];

/** Binds an envelope to its session row and field: moved elsewhere, it does not open. */
function sealingContext(sessionId: string, field: TokenField): string {
  return `Session:${sessionId}/${field}`;
}

/** The id the Shopify library gives a shop's offline session. */
export function offlineSessionId(shop: string): string {
  return `offline_${shop}`;
}

export class SealedSessionStorage implements SessionStorage {
  constructor(
    private readonly inner: SessionStorage,
    private readonly box: SecretBox,
  ) {}

  storeSession(session: Session): Promise<boolean> {
    const sealed = new Session(session.toObject());
    for (const field of TOKEN_FIELDS) {
      const token = session[field];
      if (token) sealed[field] = this.box.seal(token, sealingContext(session.id, field));
    }
    return this.inner.storeSession(sealed);
  }

  async loadSession(id: string): Promise<Session | undefined> {
    const stored = await this.inner.loadSession(id);
    return stored && this.opened(stored);
  }

  deleteSession(id: string): Promise<boolean> {
    return this.inner.deleteSession(id);
  }

  deleteSessions(ids: string[]): Promise<boolean> {
    return this.inner.deleteSessions(ids);
  }

  async findSessionsByShop(shop: string): Promise<Session[]> {
    const stored = await this.inner.findSessionsByShop(shop);
    return stored.map((session) => this.opened(session)).filter((session): session is Session => session !== undefined);
  }

  /**
   * A session whose token does not open (sealed with a key no longer configured) counts as
   * absent: the library then exchanges a new token on the merchant's next visit and stores it
   * sealed with the current key.
   */
  private opened(stored: Session): Session | undefined {
    const session = new Session(stored.toObject());
    try {
      for (const field of TOKEN_FIELDS) {
        const envelope = stored[field];
        if (envelope) session[field] = this.box.open(envelope, sealingContext(stored.id, field));
      }
    } catch (error) {
      logger.warn({ shop: stored.shop, err: error }, "a stored Shopify token does not open; treating the session as absent");
      return undefined;
    }
    return session;
  }
}

/**
 * The shop's offline access token, for code that calls the Admin API outside the Shopify
 * library (the sync worker). Null when the shop has no offline session; throws when the stored
 * token does not open, so the caller retries later rather than treating the shop as gone.
 */
export async function offlineAccessToken(db: Database, shop: string, box: SecretBox): Promise<string | null> {
  const id = offlineSessionId(shop);
  const row = await db.session.findUnique({ where: { id }, select: { accessToken: true } });
  if (!row?.accessToken) return null;
  try {
    return box.open(row.accessToken, sealingContext(id, "accessToken"));
  } catch (error) {
    throw new Error(`the offline token of ${shop} does not open (${(error as Error).message}); the merchant opening the app replaces it`);
  }
}

/**
 * Seals every stored token that is not yet sealed with the current key: plain tokens written
 * before tokens were sealed, and envelopes of a key being rotated out. Idempotent and safe to
 * run from several instances at once: each row is rewritten only if it still holds what was
 * read, so a token is never sealed twice. Returns how many rows it rewrote.
 */
export async function sealStoredSessionTokens(db: Database, box: SecretBox): Promise<number> {
  const rows = await db.session.findMany({ select: { id: true, accessToken: true, refreshToken: true } });
  let rewritten = 0;
  for (const row of rows) {
    const resealed: Partial<Record<TokenField, string>> = {};
    for (const field of TOKEN_FIELDS) {
      const stored = row[field];
      if (!stored || box.sealedWithCurrentKey(stored)) continue;
      const context = sealingContext(row.id, field);
      // An envelope whose key is gone stays as it is: loadSession treats it as absent.
      const token = box.isEnvelope(stored) ? openOrNull(box, stored, context) : stored;
      if (token !== null) resealed[field] = box.seal(token, context);
    }
    if (Object.keys(resealed).length === 0) continue;
    const { count } = await db.session.updateMany({
      where: { id: row.id, accessToken: row.accessToken, refreshToken: row.refreshToken },
      data: resealed,
    });
    rewritten += count;
  }
  return rewritten;
}

function openOrNull(box: SecretBox, value: string, context: string): string | null {
  try {
    return box.open(value, context);
  } catch {
    return null;
  }
}
