/**
 * The console's APIs on a large request log: 10,000,000 logged requests over 30 days by default
 * (BENCH_ROWS=1000000 for the 1M figure). The database `frontdesk_bench_<rows>` (e.g.
 * frontdesk_bench_10m) is kept between runs: created, migrated and seeded once — inside Postgres
 * with generate_series, 100k rows a statement (lib/demo/seed-bulk-requests.ts), the seeding time
 * printed — then reused. 10M rows take several GB: free disk is checked first. Drop it with
 * `DROP DATABASE frontdesk_bench_10m`.
 * Then, called in-process (the exported route handlers, an admin session), BENCH_CALLS times
 * each: overview and drift (24 h, 30 d), the request list (first page; by each filter; a page deep
 * in the log by cursor; text search per bounded call, and a rare text's walk to the end of the log
 * through its cursor: calls, time to the first match), one request's detail, the ledger over 30 days. Prints p50/p95;
 * target p95 ≤ 300 ms (the ledger: ≤ 1 s). BENCH_SEED_ONLY=1 seeds and stops.
 * Uses DATABASE_URL's server (a temporary embedded Postgres without it, not kept).
 */
import { startEphemeralPostgres } from "../lib/db/embedded-postgres";
import { benchDatabase, query } from "./lib/bench-database";
import { percentile } from "./lib/load";

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000_000);
const CALLS = Number(process.env.BENCH_CALLS ?? 30);
const ADMIN = { email: "bench@example.com", password: "bench-password-1" };

async function main() {
  const ephemeral = process.env.DATABASE_URL ? null : await startEphemeralPostgres();
  const url = await benchDatabase(process.env.DATABASE_URL ?? ephemeral!.url, ROWS, ADMIN);
  try {
    if (process.env.BENCH_SEED_ONLY) return;
    await measureAll(url);
  } finally {
    const { disconnectDb } = await import("../lib/db/prisma");
    await disconnectDb();
    await ephemeral?.stop();
  }
}

async function measureAll(url: string) {
  const { POST: signIn } = await import("../app/api/auth/sign-in/route");
  const { GET: overview } = await import("../app/api/admin/overview/route");
  const { GET: drift } = await import("../app/api/admin/drift/route");
  const { GET: ledger } = await import("../app/api/admin/ledger/route");
  const { GET: requests } = await import("../app/api/admin/requests/route");
  const { GET: request } = await import("../app/api/admin/requests/[id]/route");
  const { jsonRequest, cookieFrom, routeParams } = await import("../lib/testing/requests");
  const cookie = cookieFrom(await signIn(jsonRequest("POST", "/api/auth/sign-in", { body: ADMIN })));
  const get = (path: string) => jsonRequest("GET", path, { cookie });

  const measure = async (name: string, call: () => Promise<Response>, target = 300, calls = CALLS) => {
    const first = await call(); // warm-up (and a correctness check)
    if (first.status !== 200) throw new Error(`${name}: HTTP ${first.status} ${await first.text()}`);
    const times: number[] = [];
    for (let i = 0; i < calls; i++) {
      const t = performance.now();
      await (await call()).arrayBuffer();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const p95 = percentile(times, 95);
    console.log(`${name.padEnd(34)} p50 ${percentile(times, 50).toFixed(1).padStart(7)} ms   p95 ${p95.toFixed(1).padStart(7)} ms   ${p95 <= target ? "ok" : `OVER ${target} ms`}`);
    return first;
  };

  // The seeded log ends when it was seeded: ranges end at its newest row.
  const [{ end }] = await query<{ end: Date }>(url, `SELECT max("createdAt") AS end FROM "RequestLog"`);
  const range = (ms: number) => `from=${new Date(end.getTime() - ms).toISOString()}&to=${end.toISOString()}`;
  for (const [label, ms] of [["24h", 86_400_000], ["30d", 30 * 86_400_000]] as const) {
    await measure(`overview ${label}`, () => overview(get(`/api/admin/overview?${range(ms)}`)));
    await measure(`drift ${label}`, () => drift(get(`/api/admin/drift?${range(ms)}`)));
  }
  await measure("ledger 30d, all", () => ledger(get(`/api/admin/ledger?${range(30 * 86_400_000)}`)), 1000);

  const list = (q: string) => () => requests(get(`/api/admin/requests?limit=50${q ? `&${q}` : ""}`));
  const firstPage = (await (await measure("requests, newest 50", list(""))).json()) as { items: Array<{ id: string }>; nextCursor: string };
  for (const q of ["policy=three-tier", "tier=balanced", "stage=fallback", "status=error", "policy=default&tier=capable&status=error", range(86_400_000), "q=synthetic"]) {
    await measure(`requests ${q.startsWith("from=") ? "last 24h" : q}`, list(q));
  }
  // A page deep in the log: the cursor of the row 500,000 rows (10,000 pages of 50) from the top.
  const [deep] = await query<{ createdAt: Date; id: string }>(url, `SELECT "createdAt", id FROM "RequestLog" ORDER BY "createdAt" DESC, id DESC OFFSET 500000 LIMIT 1`);
  await measure("requests, page 10,000", list(`cursor=${deep!.createdAt.getTime()}_${deep!.id}`));
  await measure("requests, page 10,000 status=error", list(`status=error&cursor=${deep!.createdAt.getTime()}_${deep!.id}`));
  // Text search has no index (ILIKE '%…%'): each call is bounded (~250 ms, lib/db/search-request-log.ts)
  // and answers what it found with a cursor to search older rows. One call (from the top, and from deep
  // in the log), then the whole walk a user's "Search older" clicks make: calls and time to the first match.
  await measure("requests q=prompt 4242, one call", list("q=prompt%204242"));
  await measure("requests q=prompt 4242, deep call", list(`q=prompt%204242&cursor=${deep!.createdAt.getTime()}_${deep!.id}`));
  await walkSearch("prompt 4242", (cursor) => list(`q=prompt%204242${cursor ? `&cursor=${cursor}` : ""}`)());
  const id = firstPage.items[7]!.id;
  await measure("request detail", () => request(get(`/api/admin/requests/${id}`), routeParams({ id })));
}

type SearchPage = { items: unknown[]; nextCursor: string | null; search: { searchedBackTo: string | null } };

/** Follows a text search's cursor to its end: calls, their p95, time to the first match and to the end. */
async function walkSearch(text: string, call: (cursor: string | null) => Promise<Response>) {
  const started = performance.now();
  const times: number[] = [];
  let cursor: string | null = null;
  let found = 0;
  let firstMatch: { ms: number; calls: number } | null = null;
  do {
    const t = performance.now();
    const page = (await (await call(cursor)).json()) as SearchPage;
    times.push(performance.now() - t);
    found += page.items.length;
    if (found && !firstMatch) firstMatch = { ms: performance.now() - started, calls: times.length };
    cursor = page.nextCursor;
  } while (cursor);
  const total = performance.now() - started;
  times.sort((a, b) => a - b);
  console.log(`search "${text}" to the end: ${times.length} calls, p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms per call`);
  console.log(`  ${found} matches; first after ${firstMatch ? `${firstMatch.calls} calls, ${(firstMatch.ms / 1000).toFixed(2)} s` : "never"}; whole log searched in ${(total / 1000).toFixed(2)} s`);
}

await main();
