-- AlterTable
ALTER TABLE "InboxEvent" ADD COLUMN     "bodyDigest" TEXT;

-- CreateTable
CREATE TABLE "InboxEventConflict" (
    "id" SERIAL NOT NULL,
    "inboxEventId" INTEGER NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "bodyDigest" TEXT NOT NULL,
    "rawBody" TEXT NOT NULL,

    CONSTRAINT "InboxEventConflict_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "InboxEventConflict_inboxEventId_bodyDigest_key" ON "InboxEventConflict"("inboxEventId", "bodyDigest");

-- AddForeignKey
ALTER TABLE "InboxEventConflict" ADD CONSTRAINT "InboxEventConflict_inboxEventId_fkey" FOREIGN KEY ("inboxEventId") REFERENCES "InboxEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;
