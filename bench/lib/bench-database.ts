/** The kept, seeded databases of the console benches (console-scale, console-pages). */
import { statfsSync } from "node:fs";
import pg from "pg";
import { databaseUrl } from "../../lib/db/embedded-postgres";
import { migrate } from "../../lib/db/migrate";
import { resetEnvCache } from "../../lib/env";

/** A seeded row's share of disk, table and indexes, measured at 1M rows (rounded up). */
const BYTES_PER_ROW = 700;

export async function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * The database `frontdesk_bench_<rows>` (e.g. frontdesk_bench_1m) with rows logged requests over
 * 30 days, created, migrated and seeded once (inside Postgres with generate_series, 100k rows a
 * statement), then reused between runs; DATABASE_URL points at it afterwards.
 */
export async function benchDatabase(serverUrl: string, rows: number, admin: { email: string; password: string }): Promise<string> {
  const NAME = `frontdesk_bench_${rows % 1_000_000 === 0 ? `${rows / 1_000_000}m` : rows}`;
  const url = databaseUrl(serverUrl, NAME);
  const exists = (await query(serverUrl, `SELECT 1 FROM pg_database WHERE datname = $1`, [NAME])).length > 0;
  if (!exists) {
    const [{ dir }] = await query<{ dir: string }>(serverUrl, "SELECT current_setting('data_directory') AS dir").catch(() => [{ dir: "/" }]);
    const free = (() => {
      try {
        const s = statfsSync(dir);
        return s.bavail * s.bsize;
      } catch {
        return Infinity; // not readable from here (another user's folder): go on
      }
    })();
    const need = rows * BYTES_PER_ROW;
    console.log(`disk: ${(free / 1e9).toFixed(1)} GB free at ${dir}, the seeded database needs about ${(need / 1e9).toFixed(1)} GB`);
    if (free < 2 * need) throw new Error(`not enough free disk for ${rows.toLocaleString("en-US")} rows (want twice the estimate free)`);
    await query(serverUrl, `CREATE DATABASE "${NAME}"`);
    await migrate(url);
  }
  process.env.DATABASE_URL = url;
  resetEnvCache();
  const [{ n }] = await query<{ n: number }>(url, `SELECT count(*)::int AS n FROM "RequestLog"`);
  if (n >= rows) {
    console.log(`reusing ${NAME}: ${n.toLocaleString("en-US")} requests`);
    return url;
  }
  const { seed } = await import("../../prisma/seed");
  await seed({ adminEmail: admin.email, adminPassword: admin.password, demo: true, demoTraffic: false });
  const { seedBulkRequests } = await import("../../lib/demo/seed-bulk-requests");
  const seeded = await seedBulkRequests({ count: rows - n, days: 30, end: new Date(), seed: n, log: (line) => process.stdout.write(`\r${line}   `) });
  const [{ size }] = await query<{ size: string }>(url, `SELECT pg_size_pretty(pg_database_size(current_database())) AS size`);
  console.log(`\nseeded ${seeded.inserted.toLocaleString("en-US")} requests and ${seeded.rollups.toLocaleString("en-US")} rollup rows in ${(seeded.ms / 1000).toFixed(0)} s (${size} on disk)`);
  return url;
}

