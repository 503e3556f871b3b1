-- AlterTable
ALTER TABLE "ProviderCredential" ADD COLUMN     "deploymentKeyHints" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "deploymentKeys" TEXT;

-- AlterTable
ALTER TABLE "Tier" ADD COLUMN     "deployments" JSONB NOT NULL DEFAULT '[]';
