-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN "cashCollectedAmount" TEXT;
ALTER TABLE "Delivery" ADD COLUMN "cashCollectedAt" DATETIME;
ALTER TABLE "Delivery" ADD COLUMN "cashCollectedCurrency" TEXT;

-- CreateTable
CREATE TABLE "FlowTriggerSend" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "deliveryId" INTEGER NOT NULL,
    "inboxEventId" INTEGER NOT NULL,
    "handle" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "detail" TEXT,
    "createdAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    CONSTRAINT "FlowTriggerSend_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "Delivery" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

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
    "markCodPaid" BOOLEAN NOT NULL DEFAULT true,
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

-- CreateIndex
CREATE INDEX "FlowTriggerSend_deliveryId_idx" ON "FlowTriggerSend"("deliveryId");

-- CreateIndex
CREATE UNIQUE INDEX "FlowTriggerSend_inboxEventId_handle_key" ON "FlowTriggerSend"("inboxEventId", "handle");

-- CreateIndex
CREATE INDEX "Delivery_shop_cashCollectedAt_idx" ON "Delivery"("shop", "cashCollectedAt");
