-- AlterTable
ALTER TABLE "InboxEvent" ADD COLUMN     "parkedSince" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "WaybillLease" (
    "shop" TEXT NOT NULL,
    "waybill" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WaybillLease_pkey" PRIMARY KEY ("shop","waybill")
);
