-- AlterTable
ALTER TABLE "InboxEvent" ADD COLUMN "bodyDigest" TEXT;

-- CreateTable
CREATE TABLE "InboxEventConflict" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "inboxEventId" INTEGER NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "bodyDigest" TEXT NOT NULL,
    "rawBody" TEXT NOT NULL,
    CONSTRAINT "InboxEventConflict_inboxEventId_fkey" FOREIGN KEY ("inboxEventId") REFERENCES "InboxEvent" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "InboxEventConflict_inboxEventId_bodyDigest_key" ON "InboxEventConflict"("inboxEventId", "bodyDigest");
