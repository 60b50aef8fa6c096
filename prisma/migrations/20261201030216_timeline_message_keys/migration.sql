-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_TimelineEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "deliveryId" INTEGER NOT NULL,
    "inboxEventId" INTEGER,
    "topic" TEXT,
    "outcome" TEXT NOT NULL,
    "messageKey" TEXT,
    "messageValues" TEXT,
    "message" TEXT,
    "occurredAt" DATETIME,
    "recordedAt" DATETIME NOT NULL,
    "undoneAt" DATETIME,
    CONSTRAINT "TimelineEntry_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "Delivery" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_TimelineEntry" ("deliveryId", "id", "inboxEventId", "message", "occurredAt", "outcome", "recordedAt", "topic", "undoneAt") SELECT "deliveryId", "id", "inboxEventId", "message", "occurredAt", "outcome", "recordedAt", "topic", "undoneAt" FROM "TimelineEntry";
DROP TABLE "TimelineEntry";
ALTER TABLE "new_TimelineEntry" RENAME TO "TimelineEntry";
CREATE INDEX "TimelineEntry_deliveryId_recordedAt_idx" ON "TimelineEntry"("deliveryId", "recordedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
