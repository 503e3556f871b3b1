/**
 * Replay throughput and memory: a fresh database with a demo backfill of realistic traffic
 * (BENCH_REQUESTS, default 40,000, over 7 days: RouteProfile prompts, the demo policies), then the
 * "default" policy's logged requests replayed through a candidate (bias 0.7) — decide() and the
 * step machine per request, no upstream calls — BENCH_ROUNDS (default 3) times. Prints logged
 * requests per second (target ≥ 5,000) and the heap before, at its highest during, and after the
 * run (it streams pages of 2,000 rows: the heap must not grow with the range).
 * Uses DATABASE_URL's server or a temporary embedded Postgres; the database is dropped after.
 */
import { withDemoTrafficDatabase } from "./lib/demo-traffic-database";
import { median } from "./lib/rounds";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 40_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main() {
  await withDemoTrafficDatabase("frontdesk_bench_replay", REQUESTS, async (end) => {
    const { runReplay } = await import("../lib/lab/replay/run-replay");
    const query = { policy: "default", from: new Date(end - 7 * 86_400_000), to: new Date(end + 1000), candidate: { config: { policies: [{ name: "default", bias: 0.7 }] } } };
    await runReplay(query); // warm-up
    const rates: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      global.gc?.();
      const before = process.memoryUsage().heapUsed;
      let peak = before;
      const report = await runReplay(query, () => (peak = Math.max(peak, process.memoryUsage().heapUsed)));
      const rate = (report.requests / report.ms) * 1000;
      rates.push(rate);
      console.log(`  round ${round + 1}: ${report.requests.toLocaleString("en-US")} logged requests in ${report.ms} ms → ${Math.round(rate).toLocaleString("en-US")}/s; heap ${mb(before)} before, ${mb(peak)} at most, ${mb(process.memoryUsage().heapUsed)} after; ${report.changed} changed`);
    }
    console.log(`replay, median of ${ROUNDS}: ${Math.round(median(rates)).toLocaleString("en-US")} logged requests/s (target ≥ 5,000)`);
  });
}

await main();
