-- AlterTable
ALTER TABLE "Tier" ADD COLUMN     "capabilities" JSONB NOT NULL DEFAULT '{}';
