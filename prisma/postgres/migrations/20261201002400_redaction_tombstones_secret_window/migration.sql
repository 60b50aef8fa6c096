-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "previousSecretHours" INTEGER NOT NULL DEFAULT 24;

-- CreateTable
CREATE TABLE "RedactedEventTombstone" (
    "digest" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "redactedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RedactedEventTombstone_pkey" PRIMARY KEY ("digest")
);

-- CreateIndex
CREATE INDEX "RedactedEventTombstone_occurredAt_idx" ON "RedactedEventTombstone"("occurredAt");
