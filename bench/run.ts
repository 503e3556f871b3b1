/**
 * `npm run bench`: every benchmark, one after another, each in its own process (so one's load
 * does not skew the next). They print numbers; nothing here asserts timings.
 *   npm run bench -- --only engine,gateway
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const BENCHES = [
  { name: "engine", file: "engine.bench.ts", what: "routing decision time, 2,000-token prompt (target p99 ≤ 200 µs)" },
  { name: "classifier", file: "classifier.bench.ts", what: "training 10k rows (≤ 30 s), scoring (≥ 5,000 rows/s), one prediction and one intent prediction (p99 ≤ 200 µs)" },
  { name: "execution", file: "execution.bench.ts", what: "the execution machine's own cost per request (alone, in the real-time driver, in the virtual-clock driver)" },
  { name: "upstream", file: "upstream-overhead.bench.ts", what: "provider adapter overhead vs a bare keep-alive request" },
  { name: "gateway", file: "gateway.bench.ts", what: "gateway overhead vs direct (p50 ≤ 1 ms, p99 ≤ 5 ms) and throughput vs Portkey (≥ 4×) and vs a bare proxy (≥ 35%), mean added latency (≤ 1 ms)" },
  { name: "inbound", file: "inbound-apis.bench.ts", what: "added latency of /v1/messages and /v1/responses next to /v1/chat/completions, JSON and streamed, same upstream" },
  { name: "gateway-ab", file: "gateway-ab.bench.ts", what: "two builds side by side (BENCH_AB_BASE, default HEAD~1, vs this checkout, and this checkout twice): added latency and throughput", onlyWhenNamed: true },
  { name: "metrics", file: "metrics.bench.ts", what: "the gateway with Prometheus metrics on and off (METRICS_ENABLED=false), side by side: added latency, CPU per request, throughput" },
  { name: "tracing", file: "tracing.bench.ts", what: "tracing off vs on (OTLP/HTTP to a local receiver that discards): throughput, added latency, CPU per request", onlyWhenNamed: true },
  { name: "gateway-gc", file: "gateway-gc.bench.ts", what: "the gateway's garbage per request at 10 connections (allocated and promoted KB; promotion drives p99)" },
  { name: "gateway-tail", file: "gateway-tail.bench.ts", what: "what the gateway's slowest requests overlapped (GC pauses, log flushes), CPU per request of gateway and Postgres" },
  { name: "rate-limit", file: "rate-limit.bench.ts", what: "a request's shared rate limit (GCRA in Redis, EVALSHA) next to the in-process bucket: latency and CPU per call" },
  { name: "console", file: "console-api.bench.ts", what: "overview and drift APIs on 1,000,000 logged requests (p95 ≤ 300 ms), the ledger over 30 days (≤ 1 s)" },
  { name: "console-scale", file: "console-scale.bench.ts", what: "console APIs on 10,000,000 logged requests (BENCH_ROWS), kept in frontdesk_bench_10m: overview, drift, ledger, the request list by each filter and deep by cursor, detail (p95 ≤ 300 ms)" },
  { name: "console-pages", file: "console-pages.bench.ts", what: "every console page in Chromium on 1,000,000 logged requests (kept in frontdesk_bench_1m): navigation start → first data (≤ 1 s)" },
  { name: "log-write", file: "log-write.bench.ts", what: "the request-log writer's sustained rate into the partitioned table, rollups included (≥ 10,000 rows/s)" },
  { name: "rule-impact", file: "rule-impact.bench.ts", what: "a rules draft's impact over the newest 20,000 logged requests (the review dialog's wait)" },
  { name: "replay", file: "replay.bench.ts", what: "replaying logged traffic through a candidate without upstream calls (≥ 5,000 requests/s, flat memory)" },
];

const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1]!.split(",") : null;
let failed = 0;
for (const bench of BENCHES) {
  if (only ? !only.includes(bench.name) : "onlyWhenNamed" in bench) continue;
  const file = path.join(import.meta.dirname, bench.file);
  if (!existsSync(file)) continue;
  console.log(`\n━━ ${bench.name}: ${bench.what}`);
  const result = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", file], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) {
    failed++;
    console.error(`${bench.name} bench exited with ${result.status}`);
  }
}
process.exitCode = failed ? 1 : 0;
