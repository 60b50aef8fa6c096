-- RedefineTables: the single fulfillment id becomes a JSON array of the app's fulfillments.
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Delivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "waybill" TEXT NOT NULL,
    "wakilniOrderId" TEXT,
    "orderId" TEXT,
    "orderName" TEXT,
    "fulfillmentIds" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT,
    "lastAppliedAt" DATETIME,
    "lastEventAt" DATETIME,
    "needsAttention" BOOLEAN NOT NULL DEFAULT false,
    "trackingUrl" TEXT,
    "driverName" TEXT,
    "driverPhone" TEXT,
    "parkedReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Delivery" ("fulfillmentIds", "createdAt", "driverName", "driverPhone", "id", "lastAppliedAt", "lastEventAt", "needsAttention", "orderId", "orderName", "parkedReason", "shop", "status", "trackingUrl", "updatedAt", "wakilniOrderId", "waybill") SELECT CASE WHEN "fulfillmentId" IS NULL THEN '[]' ELSE json_array("fulfillmentId") END, "createdAt", "driverName", "driverPhone", "id", "lastAppliedAt", "lastEventAt", "needsAttention", "orderId", "orderName", "parkedReason", "shop", "status", "trackingUrl", "updatedAt", "wakilniOrderId", "waybill" FROM "Delivery";
DROP TABLE "Delivery";
ALTER TABLE "new_Delivery" RENAME TO "Delivery";
CREATE INDEX "Delivery_shop_orderId_idx" ON "Delivery"("shop", "orderId");
CREATE UNIQUE INDEX "Delivery_shop_waybill_key" ON "Delivery"("shop", "waybill");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
