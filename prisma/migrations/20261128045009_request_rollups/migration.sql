-- AlterTable
ALTER TABLE "RequestLog" ADD COLUMN     "baselineCostUsd" DOUBLE PRECISION NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "RequestRollup" (
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "policy" TEXT NOT NULL,
    "tier" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "isDemo" BOOLEAN NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "escalations" INTEGER NOT NULL DEFAULT 0,
    "hedges" INTEGER NOT NULL DEFAULT 0,
    "costUsd" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "baselineCostUsd" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "totalMs" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "latencyHist" INTEGER[],
    "pScoreHist" INTEGER[],

    CONSTRAINT "RequestRollup_pkey" PRIMARY KEY ("bucket","policy","tier","stage","status","isDemo")
);
