-- CreateIndex
CREATE INDEX "Delivery_shop_lastEventAt_idx" ON "Delivery"("shop", "lastEventAt");

-- CreateIndex
CREATE INDEX "InboxEvent_shop_receivedAt_idx" ON "InboxEvent"("shop", "receivedAt");
