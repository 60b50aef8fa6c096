-- AlterTable
ALTER TABLE "InboxEvent" ADD COLUMN "requeuedAt" DATETIME;
