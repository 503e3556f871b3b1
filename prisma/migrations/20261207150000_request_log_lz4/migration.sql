-- The request log's large values (the decision, prompt, answer) compressed with lz4 where the server
-- has it, instead of pglz: a logged row is ~2.4 KB, just past the 2 KB at which Postgres compresses,
-- and pglz_compress was the largest single item in a profile of the backend writing the log (~15%
-- of its time); lz4 compresses several times faster, to about the same size, and reads back faster.
-- Set on the partitioned table (partitions made later inherit it) and on each existing partition
-- (the setting does not reach them from the parent). Rows already written stay as they are. A
-- server built without lz4 (the embedded Postgres of `npm start` is one) keeps pglz.
DO $$
DECLARE
  rel regclass;
BEGIN
  IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
    FOR rel IN SELECT '"RequestLog"'::regclass UNION ALL SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = '"RequestLog"'::regclass LOOP
      EXECUTE format('ALTER TABLE %s ALTER COLUMN "decision" SET COMPRESSION lz4, ALTER COLUMN "latency" SET COMPRESSION lz4, '
        'ALTER COLUMN "scores" SET COMPRESSION lz4, ALTER COLUMN "prompt" SET COMPRESSION lz4, ALTER COLUMN "response" SET COMPRESSION lz4', rel);
    END LOOP;
  END IF;
END $$;
