-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "reconcileTokens" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "reconcileTokensAt" TIMESTAMP(3);
