-- CreateTable
CREATE TABLE "ShadowPair" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "policyName" TEXT NOT NULL,
    "servedTier" TEXT NOT NULL,
    "shadowTier" TEXT NOT NULL,
    "judgeTier" TEXT,
    "verdict" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "servedAnswer" TEXT,
    "shadowAnswer" TEXT,
    "judgeText" TEXT,
    "error" TEXT,
    "shadowCostUsd" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "judgeCostUsd" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "shadowMs" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ShadowPair_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ShadowPair_createdAt_idx" ON "ShadowPair"("createdAt");

-- CreateIndex
CREATE INDEX "ShadowPair_requestId_idx" ON "ShadowPair"("requestId");
