-- CreateEnum
CREATE TYPE "TierKind" AS ENUM ('chat', 'embeddings');

-- AlterTable
ALTER TABLE "RequestLog" ADD COLUMN     "api" TEXT NOT NULL DEFAULT 'chat';

-- AlterTable
ALTER TABLE "Tier" ADD COLUMN     "kind" "TierKind" NOT NULL DEFAULT 'chat';
