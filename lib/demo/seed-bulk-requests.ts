/**
 * Bulk synthetic traffic for scale tests: `count` request-log rows spread evenly over the `days`
 * before `end`, generated inside Postgres (generate_series, 100k rows per statement, seeded random()),
 * oldest first — so every index grows at its right edge and each statement fills about one day
 * partition, as live traffic does (random times sent each insert to random index pages across the month),
 * then their rollups rebuilt with one GROUP BY. Rows are marked demo (removable in one click).
 * The mix mirrors the demo setup: policies default (fast, capable) and three-tier, classifier
 * scores, escalations, fallbacks and ~1 % errors; daily and hourly rhythm from the times.
 */
import { pgPool, withPgClient } from "../db/pg-pool";
import { ensureRequestLogPartitions } from "../db/request-log-partitions";
import { rebuildRollups } from "../db/rollup-repo";

const CHUNK = 100_000;

const INSERT_SQL = `
WITH g AS (
  SELECT n, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5,
         $2::timestamptz - make_interval(secs => $3::float8 * (1 - (n + random()) / $5::float8)) AS ts
  FROM generate_series($1::bigint, $1::bigint + $4::bigint - 1) AS n
), shaped AS (
  SELECT n, ts, r2, r3, r4, r5, CASE WHEN r1 < 0.7 THEN 'default' ELSE 'three-tier' END AS policy,
         CASE WHEN r1 < 0.7 THEN (CASE WHEN r2 < 0.55 THEN 'fast' ELSE 'capable' END)
              ELSE (CASE WHEN r2 < 0.4 THEN 'fast' WHEN r2 < 0.75 THEN 'balanced' ELSE 'capable' END) END AS tier,
         CASE WHEN r3 < 0.08 THEN 'escalation' WHEN r3 < 0.1 THEN 'fallback' WHEN r3 < 0.13 THEN 'rule' ELSE 'classifier' END AS stage,
         md5(n::text) AS h
  FROM g
)
INSERT INTO "RequestLog" (id, "createdAt", "policyName", "tierName", model, stage, reason, scores, decision, uncertainty, escalated, hedged,
                          latency, "totalMs", "promptTokens", "completionTokens", "costUsd", "baselineCostUsd", status, "httpStatus", error, prompt, "isDemo")
SELECT
  (substr(t.hex, 1, 8) || '-' || substr(t.hex, 9, 4) || '-7' || substr(h, 1, 3) || '-8' || substr(h, 4, 3) || '-' || substr(h, 7, 12))::uuid,
  ts, policy, tier, tier || '-model', stage, 'Synthetic request (seed:million).',
  CASE WHEN stage = 'rule' THEN NULL ELSE jsonb_build_object('p', jsonb_build_array(round((CASE WHEN tier = 'fast' THEN r4 * 0.5 ELSE 0.3 + r4 * 0.7 END)::numeric, 4))) END,
  '{}'::jsonb, r4, stage = 'escalation', false,
  '{}'::jsonb,
  (CASE tier WHEN 'fast' THEN 300 WHEN 'balanced' THEN 700 ELSE 1400 END) * exp((r5 - 0.5) * 1.6) * (CASE WHEN stage = 'escalation' THEN 1.4 ELSE 1 END),
  200 + (r5 * 800)::int, 50 + (r4 * 400)::int,
  ((200 + r5 * 800) + (50 + r4 * 400)) * (CASE tier WHEN 'fast' THEN 0.06 WHEN 'balanced' THEN 0.8 ELSE 0.88 END) / 1e6,
  ((200 + r5 * 800) + (50 + r4 * 400)) * 0.88 / 1e6,
  CASE WHEN r2 > 0.99 THEN 'error' ELSE 'ok' END,
  CASE WHEN r2 > 0.99 THEN 502 ELSE 200 END,
  CASE WHEN r2 > 0.99 THEN 'simulated upstream error' END,
  'user: synthetic prompt ' || n,
  true
FROM shaped CROSS JOIN LATERAL (SELECT lpad(to_hex((extract(epoch FROM ts) * 1000)::bigint), 12, '0') AS hex) t
ON CONFLICT (id) DO NOTHING`;

export async function seedBulkRequests(opts: { count: number; days?: number; end?: Date; seed?: number; log?: (line: string) => void }): Promise<{ inserted: number; rollups: number; ms: number }> {
  const started = Date.now();
  const end = opts.end ?? new Date();
  const spanSeconds = (opts.days ?? 30) * 86_400;
  let inserted = 0;
  await withPgClient(async (client) => {
    await ensureRequestLogPartitions({ from: end.getTime() - spanSeconds * 1000, to: end.getTime() }, client);
    await client.query("SELECT setseed($1)", [((opts.seed ?? 42) % 1000) / 1000]);
    for (let offset = 0; offset < opts.count; offset += CHUNK) {
      const n = Math.min(CHUNK, opts.count - offset);
      const result = await client.query(INSERT_SQL, [offset, end, spanSeconds, n, opts.count]);
      inserted += result.rowCount ?? 0;
      opts.log?.(`${inserted.toLocaleString("en-US")} rows`);
    }
    await client.query(`ANALYZE "RequestLog"`);
  });
  const from = new Date(end.getTime() - spanSeconds * 1000);
  const rollups = await rebuildRollups({ from, to: new Date(end.getTime() + 3_600_000) });
  await pgPool().query(`ANALYZE "RequestRollup"`);
  return { inserted, rollups, ms: Date.now() - started };
}
