-- CreateTable
CREATE TABLE "GatewayInstance" (
    "id" UUID NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "redis" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "GatewayInstance_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "GatewayInstance_lastSeenAt_idx" ON "GatewayInstance"("lastSeenAt");
