-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "fulfillmentIncomplete" BOOLEAN NOT NULL DEFAULT false;
