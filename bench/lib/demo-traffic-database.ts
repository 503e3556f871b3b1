/**
 * A fresh bench database with the demo's logged traffic: DATABASE_URL's server or a temporary
 * embedded Postgres, migrated, seeded (demo tiers and policies) and backfilled with `requests`
 * realistic requests over 7 days ending now; `run` gets the backfill's end. The database is
 * dropped (and the embedded server stopped) after, whatever `run` does.
 */
import { startEphemeralPostgres } from "../../lib/db/embedded-postgres";
import { resetEnvCache } from "../../lib/env";
import { createTestDatabase } from "../../lib/testing/test-database";

export async function withDemoTrafficDatabase(name: string, requests: number, run: (end: number) => Promise<void>): Promise<void> {
  const ephemeral = process.env.DATABASE_URL ? null : await startEphemeralPostgres();
  const database = await createTestDatabase(process.env.DATABASE_URL ?? ephemeral!.url, name);
  process.env.DATABASE_URL = database.url;
  resetEnvCache();
  try {
    const { migrate } = await import("../../lib/db/migrate");
    await migrate(database.url);
    const { seed } = await import("../../prisma/seed");
    await seed({ adminEmail: "bench@example.com", adminPassword: "bench-password-1", demo: true, demoTraffic: false });
    const { backfillDemoTraffic } = await import("../../lib/demo/backfill-demo-traffic");
    const end = Date.now();
    const seeded = await backfillDemoTraffic({ requests, days: 7, end });
    console.log(`backfilled ${seeded.requests.toLocaleString("en-US")} demo requests in ${(seeded.ms / 1000).toFixed(1)} s`);
    await run(end);
  } finally {
    const { disconnectDb } = await import("../../lib/db/prisma");
    const { closePgPool } = await import("../../lib/db/pg-pool");
    await disconnectDb();
    await closePgPool();
    await database.drop();
    await ephemeral?.stop();
  }
}
