-- AlterTable
ALTER TABLE "InboxEvent" ADD COLUMN     "lastErrorKey" TEXT,
ADD COLUMN     "lastErrorValues" TEXT;

-- AlterTable
ALTER TABLE "InboxEventTransition" ADD COLUMN     "messageKey" TEXT,
ADD COLUMN     "messageValues" TEXT;
