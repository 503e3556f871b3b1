-- AlterEnum
ALTER TYPE "ClassifierStatus" ADD VALUE 'discarded';

-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "revertOfId" BIGINT;

-- CreateIndex
CREATE INDEX "AuditLog_revertOfId_idx" ON "AuditLog"("revertOfId");
