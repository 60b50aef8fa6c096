-- AlterTable
ALTER TABLE "TimelineEntry" ADD COLUMN     "messageKey" TEXT,
ADD COLUMN     "messageValues" TEXT,
ALTER COLUMN "message" DROP NOT NULL;
