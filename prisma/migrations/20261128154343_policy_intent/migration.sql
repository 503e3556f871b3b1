-- AlterTable
ALTER TABLE "Policy" ADD COLUMN     "intent" JSONB NOT NULL DEFAULT '{}';
