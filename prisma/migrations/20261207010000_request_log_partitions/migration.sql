-- "RequestLog" becomes a table partitioned by day (hand-written: Prisma cannot express
-- partitioning). The partition key is the id: a UUIDv7 whose first 48 bits are the decision's
-- Unix time in ms, so the day of a row is the day of its decision, and the primary key (id) —
-- which a partitioned table's unique keys must contain the partition key of — stays what
-- Prisma, the foreign keys of "Label"/"LabelClaim" and the writer's ON CONFLICT (id) see.
-- Day partitions are "RequestLog_dYYYYMMDD", FOR VALUES FROM (the day's first UUIDv7) TO (the
-- next day's); "RequestLog_default" catches any other id (non-v7 ids, days without a
-- partition), so an insert never fails. lib/db/request-log-partitions.ts creates days ahead and
-- drops days past the retention setting. The existing rows are moved in this transaction.

-- Free the names: the foreign keys that point at the table, its key and its indexes.
ALTER TABLE "Label" DROP CONSTRAINT "Label_requestId_fkey";
ALTER TABLE "LabelClaim" DROP CONSTRAINT "LabelClaim_requestId_fkey";
ALTER TABLE "RequestLog" RENAME TO "RequestLog_unpartitioned";
ALTER TABLE "RequestLog_unpartitioned" DROP CONSTRAINT "RequestLog_apiKeyId_fkey";
ALTER TABLE "RequestLog_unpartitioned" DROP CONSTRAINT "RequestLog_pkey";
DROP INDEX "RequestLog_createdAt_brin";
DROP INDEX "RequestLog_createdAt_id_idx";
DROP INDEX "RequestLog_policyId_createdAt_idx";
DROP INDEX "RequestLog_tierName_createdAt_idx";
DROP INDEX "RequestLog_stage_createdAt_idx";
DROP INDEX "RequestLog_status_createdAt_idx";
DROP INDEX "RequestLog_apiKeyId_createdAt_idx";

-- The same columns, in the same order (the writer's jsonb_populate_recordset relies on the row type).
CREATE TABLE "RequestLog" (LIKE "RequestLog_unpartitioned" INCLUDING DEFAULTS INCLUDING COMMENTS) PARTITION BY RANGE ("id");
ALTER TABLE "RequestLog" ADD CONSTRAINT "RequestLog_pkey" PRIMARY KEY ("id");
CREATE INDEX "RequestLog_createdAt_brin" ON "RequestLog" USING BRIN ("createdAt");
CREATE INDEX "RequestLog_createdAt_id_idx" ON "RequestLog"("createdAt" DESC, "id" DESC);
CREATE INDEX "RequestLog_policyId_createdAt_idx" ON "RequestLog"("policyId", "createdAt");
CREATE INDEX "RequestLog_policyName_createdAt_id_idx" ON "RequestLog"("policyName", "createdAt" DESC, "id" DESC);
CREATE INDEX "RequestLog_tierName_createdAt_id_idx" ON "RequestLog"("tierName", "createdAt" DESC, "id" DESC);
CREATE INDEX "RequestLog_stage_createdAt_id_idx" ON "RequestLog"("stage", "createdAt" DESC, "id" DESC);
CREATE INDEX "RequestLog_status_createdAt_id_idx" ON "RequestLog"("status", "createdAt" DESC, "id" DESC);
CREATE INDEX "RequestLog_apiKeyId_createdAt_idx" ON "RequestLog"("apiKeyId", "createdAt");
ALTER TABLE "RequestLog" ADD CONSTRAINT "RequestLog_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "RequestLog_default" PARTITION OF "RequestLog" DEFAULT;

-- A partition for every UTC day that holds a UUIDv7 id, and for today and the next 3 days.
DO $$
DECLARE
  day date;
BEGIN
  FOR day IN
    SELECT DISTINCT (to_timestamp(('x' || lpad(substr(replace(id::text, '-', ''), 1, 12), 16, '0'))::bit(64)::bigint / 1000.0) AT TIME ZONE 'UTC')::date
      FROM "RequestLog_unpartitioned" WHERE substr(id::text, 15, 1) = '7'
    UNION SELECT (now() AT TIME ZONE 'UTC')::date + n FROM generate_series(0, 3) AS n
  LOOP
    EXECUTE format(
      'CREATE TABLE %I PARTITION OF "RequestLog" FOR VALUES FROM (%L) TO (%L)',
      'RequestLog_d' || to_char(day, 'YYYYMMDD'),
      overlay(overlay(lpad(to_hex((extract(epoch FROM day::timestamp) * 1000)::bigint), 12, '0') || '00000000000000000000' PLACING '-' FROM 9 FOR 0) PLACING '-' FROM 14 FOR 0),
      overlay(overlay(lpad(to_hex((extract(epoch FROM (day + 1)::timestamp) * 1000)::bigint), 12, '0') || '00000000000000000000' PLACING '-' FROM 9 FOR 0) PLACING '-' FROM 14 FOR 0)
    );
  END LOOP;
END $$;

INSERT INTO "RequestLog" SELECT * FROM "RequestLog_unpartitioned";
DROP TABLE "RequestLog_unpartitioned";

ALTER TABLE "Label" ADD CONSTRAINT "Label_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "RequestLog"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "LabelClaim" ADD CONSTRAINT "LabelClaim_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "RequestLog"("id") ON DELETE CASCADE ON UPDATE CASCADE;
