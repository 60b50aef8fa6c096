-- Renamed, not dropped and re-added (what `prisma migrate diff` writes for a rename): the
-- receipt counts and Wakilni request ids already stored are kept.
ALTER TABLE "InboxEvent" RENAME COLUMN "deliveryCount" TO "receiptCount";
ALTER TABLE "InboxEvent" RENAME COLUMN "deliveryId" TO "wakilniRequestId";
