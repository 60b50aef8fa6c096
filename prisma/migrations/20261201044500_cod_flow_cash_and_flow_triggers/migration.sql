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

-- AlterTable (hand-written: appended, so SQLite keeps the Shop table instead of rebuilding it)
ALTER TABLE "Shop" ADD COLUMN "markCodPaid" BOOLEAN NOT NULL DEFAULT true;

-- CreateIndex
CREATE INDEX "FlowTriggerSend_deliveryId_idx" ON "FlowTriggerSend"("deliveryId");

-- CreateIndex
CREATE UNIQUE INDEX "FlowTriggerSend_inboxEventId_handle_key" ON "FlowTriggerSend"("inboxEventId", "handle");

-- CreateIndex
CREATE INDEX "Delivery_shop_cashCollectedAt_idx" ON "Delivery"("shop", "cashCollectedAt");
