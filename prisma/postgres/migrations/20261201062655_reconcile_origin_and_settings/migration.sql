-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "reconciledAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "InboxEvent" ADD COLUMN     "origin" TEXT NOT NULL DEFAULT 'webhook';

-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "reconcileEnabled" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "reconcileFailures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "reconcileLastChecked" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "reconcileLastError" TEXT,
ADD COLUMN     "reconcileLastHealed" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "reconcileLastRunAt" TIMESTAMP(3),
ADD COLUMN     "reconcilePerMinute" INTEGER NOT NULL DEFAULT 30,
ADD COLUMN     "reconcileRefusedAt" TIMESTAMP(3),
ADD COLUMN     "reconcileRetryAt" TIMESTAMP(3),
ADD COLUMN     "reconcileSilentHours" INTEGER NOT NULL DEFAULT 6;
