-- AlterTable
ALTER TABLE "InboxEvent" ADD COLUMN "driverName" TEXT;
ALTER TABLE "InboxEvent" ADD COLUMN "driverPhone" TEXT;
ALTER TABLE "InboxEvent" ADD COLUMN "pickupOfficeName" TEXT;
ALTER TABLE "InboxEvent" ADD COLUMN "pickupPhone" TEXT;
