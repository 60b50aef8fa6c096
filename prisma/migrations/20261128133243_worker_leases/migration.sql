-- AlterTable
ALTER TABLE "InboxEvent" ADD COLUMN "parkedSince" DATETIME;

-- CreateTable
CREATE TABLE "WaybillLease" (
    "shop" TEXT NOT NULL,
    "waybill" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "waybill")
);
