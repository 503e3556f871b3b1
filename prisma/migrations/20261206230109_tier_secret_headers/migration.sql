-- AlterTable
ALTER TABLE "ProviderCredential" ADD COLUMN     "headerHints" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "headers" TEXT,
ALTER COLUMN "secret" DROP NOT NULL;
