-- AlterTable
ALTER TABLE "InboxEvent" ADD COLUMN     "driverName" TEXT,
ADD COLUMN     "driverPhone" TEXT,
ADD COLUMN     "pickupOfficeName" TEXT,
ADD COLUMN     "pickupPhone" TEXT;
