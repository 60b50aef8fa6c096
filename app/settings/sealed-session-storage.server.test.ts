import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Session } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { prisma } from "../db.server";
import { serverRuntime } from "../server-runtime.server";
import { uniqueShop } from "../../tests/helpers/shopify";
import { SecretBox } from "./secret-box.server";
import { secretBox } from "./sealing.server";
import { offlineAccessToken, offlineSessionId, SealedSessionStorage, sealStoredSessionTokens } from "./sealed-session-storage.server";

const oldKey = { id: "old", key: randomBytes(32) };
const newKey = { id: "new", key: randomBytes(32) };
const prismaStorage = new PrismaSessionStorage(prisma);

function offlineSession(shop: string, tokens: { accessToken: string; refreshToken?: string }): Session {
  return new Session({ id: offlineSessionId(shop), shop, state: "installed", isOnline: false, scope: "read_orders", ...tokens });
}

function storedRow(shop: string) {
  return prisma.session.findUniqueOrThrow({ where: { id: offlineSessionId(shop) } });
}

/** A session row as the app wrote it before tokens were sealed. */
async function plainRow(shop: string, accessToken: string, refreshToken: string | null = null) {
  await prisma.session.create({
    data: { id: offlineSessionId(shop), shop, state: "installed", isOnline: false, accessToken, refreshToken },
  });
}

describe("SealedSessionStorage", () => {
  it("stores the access and refresh tokens sealed and gives them back opened", async () => {
    const shop = uniqueShop("sealed");
    const storage = new SealedSessionStorage(prismaStorage, secretBox);
    await storage.storeSession(offlineSession(shop, { accessToken: "shpat_stored", refreshToken: "shprt_stored" }));

    const row = await storedRow(shop);
    expect(secretBox.isEnvelope(row.accessToken)).toBe(true);
    expect(secretBox.isEnvelope(row.refreshToken!)).toBe(true);
    expect(JSON.stringify({ ...row, userId: null })).not.toMatch(/shpat_|shprt_/);
    expect(row.scope).toBe("read_orders");

    const loaded = await storage.loadSession(offlineSessionId(shop));
    expect(loaded).toMatchObject({ shop, accessToken: "shpat_stored", refreshToken: "shprt_stored", scope: "read_orders" });
    expect((await storage.findSessionsByShop(shop)).map((session) => session.accessToken)).toEqual(["shpat_stored"]);
    expect(await offlineAccessToken(prisma, shop, secretBox)).toBe("shpat_stored");
  });

  it("does not open a token copied onto another shop's session", async () => {
    const [victim, attacker] = [uniqueShop("victim"), uniqueShop("attacker")];
    const storage = new SealedSessionStorage(prismaStorage, secretBox);
    await storage.storeSession(offlineSession(victim, { accessToken: "shpat_victim" }));
    await storage.storeSession(offlineSession(attacker, { accessToken: "shpat_attacker" }));
    const { accessToken } = await storedRow(victim);
    await prisma.session.update({ where: { id: offlineSessionId(attacker) }, data: { accessToken } });

    expect(await storage.loadSession(offlineSessionId(attacker))).toBeUndefined();
    await expect(offlineAccessToken(prisma, attacker, secretBox)).rejects.toThrow(/does not open/);
  });

  it("keeps opening a token sealed with an old key while that key is listed, and not once it is gone", async () => {
    const shop = uniqueShop("rotated");
    await new SealedSessionStorage(prismaStorage, new SecretBox([oldKey])).storeSession(offlineSession(shop, { accessToken: "shpat_old" }));

    const rotated = new SecretBox([newKey, oldKey]);
    expect((await new SealedSessionStorage(prismaStorage, rotated).loadSession(offlineSessionId(shop)))?.accessToken).toBe("shpat_old");
    expect(await offlineAccessToken(prisma, shop, rotated)).toBe("shpat_old");

    const oldKeyDropped = new SecretBox([newKey]);
    // The library then exchanges a fresh token on the merchant's next visit; the worker retries meanwhile.
    expect(await new SealedSessionStorage(prismaStorage, oldKeyDropped).loadSession(offlineSessionId(shop))).toBeUndefined();
    await expect(offlineAccessToken(prisma, shop, oldKeyDropped)).rejects.toThrow(/"old", which is no longer configured/);
  });

  it("has no token for a shop without an offline session", async () => {
    expect(await offlineAccessToken(prisma, uniqueShop("absent"), secretBox)).toBeNull();
  });
});

describe("sealing the tokens already stored", () => {
  it("seals plain tokens, re-seals an old key's envelopes with the current key, and changes nothing on a second run", async () => {
    const [legacy, withRefresh, rotated] = [uniqueShop("legacy"), uniqueShop("refresh"), uniqueShop("old-key")];
    const box = new SecretBox([newKey, oldKey]);
    await plainRow(legacy, "shpat_legacy");
    await plainRow(withRefresh, "shpat_with_refresh", "shprt_legacy");
    await new SealedSessionStorage(prismaStorage, new SecretBox([oldKey])).storeSession(
      offlineSession(rotated, { accessToken: "shpat_rotated" }),
    );

    expect(await sealStoredSessionTokens(prisma, box)).toBeGreaterThanOrEqual(3);

    for (const shop of [legacy, withRefresh, rotated]) {
      const row = await storedRow(shop);
      expect(box.sealedWithCurrentKey(row.accessToken)).toBe(true);
      expect(row.refreshToken === null || box.sealedWithCurrentKey(row.refreshToken)).toBe(true);
    }
    const current = new SealedSessionStorage(prismaStorage, new SecretBox([newKey]));
    expect((await current.loadSession(offlineSessionId(legacy)))?.accessToken).toBe("shpat_legacy");
    expect(await current.loadSession(offlineSessionId(withRefresh))).toMatchObject({
      accessToken: "shpat_with_refresh",
      refreshToken: "shprt_legacy",
    });
    expect((await current.loadSession(offlineSessionId(rotated)))?.accessToken).toBe("shpat_rotated");

    const before = await prisma.session.findMany({ orderBy: { id: "asc" } });
    expect(await sealStoredSessionTokens(prisma, box)).toBe(0);
    expect(await prisma.session.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("never seals a token twice when several instances start at once", async () => {
    const shops = Array.from({ length: 5 }, () => uniqueShop("race"));
    for (const shop of shops) await plainRow(shop, `shpat_${shop}`);

    await Promise.all([sealStoredSessionTokens(prisma, secretBox), sealStoredSessionTokens(prisma, secretBox)]);

    for (const shop of shops) expect(await offlineAccessToken(prisma, shop, secretBox)).toBe(`shpat_${shop}`);
  });

  it("leaves an envelope whose key is gone as it is", async () => {
    const shop = uniqueShop("lost-key");
    await new SealedSessionStorage(prismaStorage, new SecretBox([oldKey])).storeSession(
      offlineSession(shop, { accessToken: "shpat_lost" }),
    );
    const { accessToken } = await storedRow(shop);
    await sealStoredSessionTokens(prisma, new SecretBox([newKey]));
    expect((await storedRow(shop)).accessToken).toBe(accessToken);
  });

  it("runs when the server starts, before it serves", async () => {
    const shop = uniqueShop("startup");
    await plainRow(shop, "shpat_before_upgrade");
    await serverRuntime.prepare();
    expect(secretBox.sealedWithCurrentKey((await storedRow(shop)).accessToken)).toBe(true);
    expect(await offlineAccessToken(prisma, shop, secretBox)).toBe("shpat_before_upgrade");
  });
});
