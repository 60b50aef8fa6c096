-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "silentAfterHours" INTEGER NOT NULL DEFAULT 24;

-- CreateIndex
CREATE INDEX "Delivery_shop_status_needsAttention_idx" ON "Delivery"("shop", "status", "needsAttention");

-- CreateIndex
CREATE INDEX "InboxEvent_shop_topic_occurredAt_waybill_idx" ON "InboxEvent"("shop", "topic", "occurredAt", "waybill");

-- CreateIndex
CREATE INDEX "InboxEvent_shop_waybill_topic_occurredAt_idx" ON "InboxEvent"("shop", "waybill", "topic", "occurredAt");
