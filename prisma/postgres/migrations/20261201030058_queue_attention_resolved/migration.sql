-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "attentionResolvedAt" TIMESTAMP(3),
ADD COLUMN     "attentionResolvedBy" TEXT;

-- CreateIndex
CREATE INDEX "Delivery_shop_needsAttention_lastEventAt_idx" ON "Delivery"("shop", "needsAttention", "lastEventAt");

-- CreateIndex
CREATE INDEX "Delivery_shop_createdAt_idx" ON "Delivery"("shop", "createdAt");

-- lastEventAt was the time the app last recorded something, and becomes the latest Wakilni time
-- among the waybill's events (hand-written: the same statement on both engines).
UPDATE "Delivery" SET "lastEventAt" = (
  SELECT MAX("InboxEvent"."occurredAt") FROM "InboxEvent"
  WHERE "InboxEvent"."shop" = "Delivery"."shop" AND "InboxEvent"."waybill" = "Delivery"."waybill"
)
WHERE EXISTS (
  SELECT 1 FROM "InboxEvent" WHERE "InboxEvent"."shop" = "Delivery"."shop" AND "InboxEvent"."waybill" = "Delivery"."waybill"
);
