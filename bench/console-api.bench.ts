/**
 * The console's dashboard APIs at scale: a fresh database with 1,000,000 logged requests over
 * 30 days (lib/demo/seed-bulk-requests.ts, rollups included), then GET /api/admin/overview and
 * GET /api/admin/drift called in-process (their exported route handlers, an admin session)
 * 50 times per range (1 h, 24 h, 7 d, 30 d). Prints p50/p95 per API and range; target p95 ≤ 300 ms.
 * Then the ledger (GET /api/admin/ledger: every policy's and one policy's, from the rollups) over
 * the 30 days; target ≤ 1 s.
 * Uses DATABASE_URL's server or a temporary embedded Postgres; the database is dropped after.
 *   BENCH_ROWS=1000000 BENCH_CALLS=50
 */
import { startEphemeralPostgres } from "../lib/db/embedded-postgres";
import { resetEnvCache } from "../lib/env";
import { createTestDatabase } from "../lib/testing/test-database";
import { percentile } from "./lib/load";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const CALLS = Number(process.env.BENCH_CALLS ?? 50);
const RANGES = { "1h": 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000 } as const;

async function main() {
  const ephemeral = process.env.DATABASE_URL ? null : await startEphemeralPostgres();
  const database = await createTestDatabase(process.env.DATABASE_URL ?? ephemeral!.url, "frontdesk_bench");
  process.env.DATABASE_URL = database.url;
  resetEnvCache();
  try {
    const { seed } = await import("../prisma/seed");
    await seed({ adminEmail: "bench@example.com", adminPassword: "bench-password-1", demo: true, demoTraffic: false });
    const { seedBulkRequests } = await import("../lib/demo/seed-bulk-requests");
    const end = new Date();
    const seeded = await seedBulkRequests({ count: ROWS, days: 30, end });
    console.log(`seeded ${seeded.inserted.toLocaleString("en-US")} requests, ${seeded.rollups.toLocaleString("en-US")} rollup rows in ${(seeded.ms / 1000).toFixed(1)} s`);

    const { POST: signIn } = await import("../app/api/auth/sign-in/route");
    const { GET: overview } = await import("../app/api/admin/overview/route");
    const { GET: drift } = await import("../app/api/admin/drift/route");
    const { GET: firing } = await import("../app/api/admin/alerts/firing/route");
    const { jsonRequest, cookieFrom } = await import("../lib/testing/requests");
    const cookie = cookieFrom(await signIn(jsonRequest("POST", "/api/auth/sign-in", { body: { email: "bench@example.com", password: "bench-password-1" } })));

    const measure = async (name: string, call: () => Promise<Response>, calls = CALLS, target = 300) => {
      const first = await call(); // warm-up (and a correctness check)
      if (first.status !== 200) throw new Error(`${name}: HTTP ${first.status} ${await first.text()}`);
      const times: number[] = [];
      for (let i = 0; i < calls; i++) {
        const t = performance.now();
        const res = await call();
        await res.arrayBuffer();
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      const p95 = percentile(times, 95);
      console.log(`${name.padEnd(22)} p50 ${percentile(times, 50).toFixed(1).padStart(7)} ms   p95 ${p95.toFixed(1).padStart(7)} ms   ${p95 <= target ? "ok" : `OVER ${target} ms`}`);
    };
    for (const [label, ms] of Object.entries(RANGES)) {
      const q = `from=${new Date(end.getTime() - ms).toISOString()}&to=${end.toISOString()}`;
      await measure(`overview ${label}`, () => overview(jsonRequest("GET", `/api/admin/overview?${q}`, { cookie })));
      await measure(`drift ${label}`, () => drift(jsonRequest("GET", `/api/admin/drift?${q}`, { cookie })));
    }
    const { GET: ledger } = await import("../app/api/admin/ledger/route");
    const month = `from=${new Date(end.getTime() - RANGES["30d"]).toISOString()}&to=${end.toISOString()}`;
    await measure("ledger 30d, all", () => ledger(jsonRequest("GET", `/api/admin/ledger?${month}`, { cookie })), 20, 1000);
    await measure("ledger 30d, default", () => ledger(jsonRequest("GET", `/api/admin/ledger?${month}&policy=default`, { cookie })), 20, 1000);
    const { clearAlertCache } = await import("../lib/monitoring/firing-alerts");
    await measure("alerts/firing (uncached)", () => {
      clearAlertCache();
      return firing(jsonRequest("GET", "/api/admin/alerts/firing", { cookie }));
    }, 20);
  } finally {
    const { disconnectDb } = await import("../lib/db/prisma");
    await disconnectDb();
    await database.drop();
    await ephemeral?.stop();
  }
}

await main();
