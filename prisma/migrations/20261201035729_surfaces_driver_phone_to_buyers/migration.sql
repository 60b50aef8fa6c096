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
    "showDriverPhoneToBuyers" BOOLEAN NOT NULL DEFAULT false,
    "waybillPattern" TEXT NOT NULL DEFAULT '',
    "trackingUrlTemplate" TEXT NOT NULL DEFAULT '',
    "installedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uninstalledAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Shop" ("appTokenLast4", "appTokenSealed", "endpointKey", "fulfillmentStage", "installedAt", "notifyCustomer", "previousSecretHours", "previousSecretSealed", "previousSecretUntil", "secretLast4", "secretSealed", "shop", "tagPrefix", "trackingUrlTemplate", "uninstalledAt", "updatedAt", "wakilniZone", "waybillPattern") SELECT "appTokenLast4", "appTokenSealed", "endpointKey", "fulfillmentStage", "installedAt", "notifyCustomer", "previousSecretHours", "previousSecretSealed", "previousSecretUntil", "secretLast4", "secretSealed", "shop", "tagPrefix", "trackingUrlTemplate", "uninstalledAt", "updatedAt", "wakilniZone", "waybillPattern" FROM "Shop";
DROP TABLE "Shop";
ALTER TABLE "new_Shop" RENAME TO "Shop";
CREATE UNIQUE INDEX "Shop_endpointKey_key" ON "Shop"("endpointKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
