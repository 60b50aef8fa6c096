-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "cashCollectedAmount" TEXT,
ADD COLUMN     "cashCollectedAt" TIMESTAMP(3),
ADD COLUMN     "cashCollectedCurrency" TEXT;

-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "markCodPaid" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "FlowTriggerSend" (
    "id" SERIAL NOT NULL,
    "deliveryId" INTEGER NOT NULL,
    "inboxEventId" INTEGER NOT NULL,
    "handle" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "detail" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "FlowTriggerSend_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FlowTriggerSend_deliveryId_idx" ON "FlowTriggerSend"("deliveryId");

-- CreateIndex
CREATE UNIQUE INDEX "FlowTriggerSend_inboxEventId_handle_key" ON "FlowTriggerSend"("inboxEventId", "handle");

-- CreateIndex
CREATE INDEX "Delivery_shop_cashCollectedAt_idx" ON "Delivery"("shop", "cashCollectedAt");

-- AddForeignKey
ALTER TABLE "FlowTriggerSend" ADD CONSTRAINT "FlowTriggerSend_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "Delivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;
