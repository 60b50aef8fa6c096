-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "showDriverPhoneToBuyers" BOOLEAN NOT NULL DEFAULT false;
