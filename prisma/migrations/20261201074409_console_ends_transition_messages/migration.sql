-- AlterTable
ALTER TABLE "InboxEvent" ADD COLUMN "lastErrorKey" TEXT;
ALTER TABLE "InboxEvent" ADD COLUMN "lastErrorValues" TEXT;

-- AlterTable
ALTER TABLE "InboxEventTransition" ADD COLUMN "messageKey" TEXT;
ALTER TABLE "InboxEventTransition" ADD COLUMN "messageValues" TEXT;
