-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Shop" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "endpointKey" TEXT NOT NULL,
    "appTokenSealed" TEXT,
    "appTokenLast4" TEXT,
    "secretSealed" TEXT,
    "secretLast4" TEXT,
    "previousSecretSealed" TEXT,
    "previousSecretUntil" DATETIME,
    "previousSecretHours" INTEGER NOT NULL DEFAULT 24,
    "wakilniZone" TEXT NOT NULL DEFAULT 'Asia/Beirut',
    "tagPrefix" TEXT NOT NULL DEFAULT 'Wakilni: ',
    "fulfillmentStage" TEXT NOT NULL DEFAULT 'assigned',
    "notifyCustomer" BOOLEAN NOT NULL DEFAULT true,
    "waybillPattern" TEXT NOT NULL DEFAULT '',
    "trackingUrlTemplate" TEXT NOT NULL DEFAULT '',
    "installedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uninstalledAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    "silentAfterHours" INTEGER NOT NULL DEFAULT 24,
    "showDriverPhoneToBuyers" BOOLEAN NOT NULL DEFAULT false,
    "markCodPaid" BOOLEAN NOT NULL DEFAULT true,
    "reconcileEnabled" BOOLEAN NOT NULL DEFAULT true,
    "reconcileSilentHours" INTEGER NOT NULL DEFAULT 6,
    "reconcilePerMinute" INTEGER NOT NULL DEFAULT 30,
    "reconcileLastRunAt" DATETIME,
    "reconcileLastChecked" INTEGER NOT NULL DEFAULT 0,
    "reconcileLastHealed" INTEGER NOT NULL DEFAULT 0,
    "reconcileFailures" INTEGER NOT NULL DEFAULT 0,
    "reconcileRetryAt" DATETIME,
    "reconcileRefusedAt" DATETIME,
    "reconcileLastError" TEXT,
    "reconcileTokens" REAL NOT NULL DEFAULT 0,
    "reconcileTokensAt" DATETIME,
    "outcomeDaysZone" TEXT,
    "wakilniRegion" TEXT NOT NULL DEFAULT 'lebanon',
    "apiKeySealed" TEXT,
    "apiKeyLast4" TEXT,
    "apiSecretSealed" TEXT,
    "apiSecretLast4" TEXT,
    "wakilniApiCheckedAt" DATETIME,
    "wakilniApiOutcome" TEXT,
    "wakilniApiAccount" TEXT,
    "wakilniApiDetail" TEXT
);
INSERT INTO "new_Shop" ("apiKeyLast4", "apiKeySealed", "apiSecretLast4", "apiSecretSealed", "appTokenLast4", "appTokenSealed", "endpointKey", "fulfillmentStage", "installedAt", "markCodPaid", "notifyCustomer", "outcomeDaysZone", "previousSecretHours", "previousSecretSealed", "previousSecretUntil", "reconcileEnabled", "reconcileFailures", "reconcileLastChecked", "reconcileLastError", "reconcileLastHealed", "reconcileLastRunAt", "reconcilePerMinute", "reconcileRefusedAt", "reconcileRetryAt", "reconcileSilentHours", "secretLast4", "secretSealed", "shop", "showDriverPhoneToBuyers", "silentAfterHours", "tagPrefix", "trackingUrlTemplate", "uninstalledAt", "updatedAt", "wakilniApiAccount", "wakilniApiCheckedAt", "wakilniApiDetail", "wakilniApiOutcome", "wakilniRegion", "wakilniZone", "waybillPattern") SELECT "apiKeyLast4", "apiKeySealed", "apiSecretLast4", "apiSecretSealed", "appTokenLast4", "appTokenSealed", "endpointKey", "fulfillmentStage", "installedAt", "markCodPaid", "notifyCustomer", "outcomeDaysZone", "previousSecretHours", "previousSecretSealed", "previousSecretUntil", "reconcileEnabled", "reconcileFailures", "reconcileLastChecked", "reconcileLastError", "reconcileLastHealed", "reconcileLastRunAt", "reconcilePerMinute", "reconcileRefusedAt", "reconcileRetryAt", "reconcileSilentHours", "secretLast4", "secretSealed", "shop", "showDriverPhoneToBuyers", "silentAfterHours", "tagPrefix", "trackingUrlTemplate", "uninstalledAt", "updatedAt", "wakilniApiAccount", "wakilniApiCheckedAt", "wakilniApiDetail", "wakilniApiOutcome", "wakilniRegion", "wakilniZone", "waybillPattern" FROM "Shop";
DROP TABLE "Shop";
ALTER TABLE "new_Shop" RENAME TO "Shop";
CREATE UNIQUE INDEX "Shop_endpointKey_key" ON "Shop"("endpointKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
