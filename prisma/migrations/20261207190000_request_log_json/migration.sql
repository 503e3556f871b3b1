-- The request log's decision trace and latency record as json, not jsonb. Every request writes
-- both (~2 KB together) and nothing searches inside them: they are read whole (the request page,
-- labeling, replay) or by a few paths with -> and ->>, which json has too. Turning each into jsonb
-- (parse, sort the keys, numbers into numeric) was ~25% of Postgres's CPU per logged row. Rewrites
-- the table once (each partition).
ALTER TABLE "RequestLog" ALTER COLUMN "decision" TYPE json USING "decision"::json,
                         ALTER COLUMN "latency" TYPE json USING "latency"::json;

-- The type change resets the two columns' compression to the default: where the server has lz4,
-- it is set again, as 20261207150000_request_log_lz4 set it (parent and each partition).
-- A server without lz4 (the embedded Postgres of `npm start` is one) compresses with pglz, which
-- cost ~15% of the backend's CPU per row for rows just past the 2 KB at which Postgres starts to
-- compress (a logged row is ~2.5 KB with a short prompt). There rows up to 4 KB are kept as they
-- are (toast_tuple_target; longer ones are still compressed). A partitioned table takes no storage
-- parameters: each partition gets it, the ones made later too (lib/db/request-log-partitions.ts).
DO $$
DECLARE
  rel regclass;
  lz4 boolean := EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals));
BEGIN
  FOR rel IN SELECT '"RequestLog"'::regclass UNION ALL SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = '"RequestLog"'::regclass LOOP
    IF lz4 THEN
      EXECUTE format('ALTER TABLE %s ALTER COLUMN "decision" SET COMPRESSION lz4, ALTER COLUMN "latency" SET COMPRESSION lz4', rel);
    ELSIF rel <> '"RequestLog"'::regclass THEN
      EXECUTE format('ALTER TABLE %s SET (toast_tuple_target = 4096)', rel);
    END IF;
  END LOOP;
END $$;
