-- AlterTable (hand-written: appended, so SQLite keeps the tables instead of rebuilding them)
ALTER TABLE "Delivery" ADD COLUMN "reconciledAt" DATETIME;
ALTER TABLE "InboxEvent" ADD COLUMN "origin" TEXT NOT NULL DEFAULT 'webhook';
ALTER TABLE "Shop" ADD COLUMN "reconcileEnabled" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "Shop" ADD COLUMN "reconcileSilentHours" INTEGER NOT NULL DEFAULT 6;
ALTER TABLE "Shop" ADD COLUMN "reconcilePerMinute" INTEGER NOT NULL DEFAULT 30;
ALTER TABLE "Shop" ADD COLUMN "reconcileLastRunAt" DATETIME;
ALTER TABLE "Shop" ADD COLUMN "reconcileLastChecked" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Shop" ADD COLUMN "reconcileLastHealed" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Shop" ADD COLUMN "reconcileFailures" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Shop" ADD COLUMN "reconcileRetryAt" DATETIME;
ALTER TABLE "Shop" ADD COLUMN "reconcileRefusedAt" DATETIME;
ALTER TABLE "Shop" ADD COLUMN "reconcileLastError" TEXT;
