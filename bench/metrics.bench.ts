/**
 * The cost of Prometheus metrics on the gateway: the same build run as two processes side by
 * side, metrics on (the default; scraped every BENCH_SCRAPE_SECONDS, default 15 s as in
 * ops/prometheus.yml) and METRICS_ENABLED=false, plus a second metrics-on process ("on′") so
 * the noise between two identical processes is measured in the same run. Same upstream, database
 * and config (bench-gateway.ts); request logging on.
 *   - latency at 10 connections, upstream answering in 20 ms: added p50/p99 over direct, CPU per request;
 *   - throughput at 20 connections, upstream answering at once.
 * BENCH_ROUNDS (default 6) rounds of BENCH_SECONDS (default 5) in rotating order; medians and ranges.
 * Last, the recording alone in this process (GatewayMetrics.observeRequest, no I/O) and one scrape's cost.
 *   npm run bench -- --only metrics
 */
import { GatewayMetrics, type RequestSample } from "../lib/telemetry/gateway-metrics";
import { spawnGateway, type GatewayProcess } from "../lib/testing/spawn-gateway";
import { startBenchGateway } from "./lib/bench-gateway";
import { runLoad, type LoadTarget } from "./lib/load";
import { printAddedLatency, measureAddedLatency } from "./lib/added-latency";
import { median, medianRange, rotate } from "./lib/rounds";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const SCRAPE_MS = Number(process.env.BENCH_SCRAPE_SECONDS ?? 15) * 1000;
type Variant = "on" | "off" | "on′";
const VARIANTS: Variant[] = ["on", "off", "on′"];

async function scrape(g: GatewayProcess): Promise<{ status: number; bytes: number; requests: number }> {
  const res = await fetch(`${g.url}/metrics`);
  const text = await res.text();
  const requests = [...text.matchAll(/^frontdesk_requests_total\{[^}]*\} (\S+)$/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
  return { status: res.status, bytes: text.length, requests };
}

/** The recording alone, in this process: µs per request (plain and escalated), and ms per scrape. */
async function recordingCost() {
  const m = new GatewayMetrics();
  const attempt = { tier: "fast", ms: 20, outcome: "ok", promptTokens: 120, completionTokens: 40, costUsd: 0.00001 };
  const plain: RequestSample = { api: "chat", policy: "default", tier: "fast", stage: "classifier", ok: true, httpStatus: 200, overheadMs: 0.08, escalated: false, escalationWaitMs: 0, attempts: [attempt] };
  const escalated: RequestSample = { ...plain, tier: "capable", stage: "escalation", escalated: true, escalationWaitMs: 20, attempts: [{ ...attempt, outcome: "low-confidence" }, { ...attempt, tier: "capable", ms: 300 }] };
  const perCall = (s: RequestSample) => {
    const runs: number[] = [];
    for (let round = 0; round < 5; round++) {
      const t = performance.now();
      for (let i = 0; i < 200_000; i++) m.observeRequest(s);
      runs.push(((performance.now() - t) * 1000) / 200_000);
    }
    return runs;
  };
  const [p, e] = [perCall(plain), perCall(escalated)];
  const scrapes: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    await m.metrics();
    scrapes.push(performance.now() - t);
  }
  const cpu = process.cpuUsage(cpu0);
  // the wall time includes waiting a turn of the event loop (prom-client's event-loop lag metric): not all of it blocks requests
  console.log(`Recording one request (in process, 5 × 200,000): plain ${medianRange(p, 3)} µs, escalated ${medianRange(e, 3)} µs; one scrape ${medianRange(scrapes, 1)} ms wall, ${((cpu.user + cpu.system) / 1000 / 30).toFixed(1)} ms CPU`);
}

async function main() {
  await recordingCost();
  const bench = await startBenchGateway("frontdesk_metrics_bench");
  const extra: GatewayProcess[] = [];
  const scrapers: NodeJS.Timeout[] = [];
  try {
    const off = await spawnGateway(bench.databaseUrl, { METRICS_ENABLED: "false" });
    extra.push(off);
    const twin = await spawnGateway(bench.databaseUrl);
    extra.push(twin);
    const gateways: Record<Variant, GatewayProcess> = { on: bench.gateway, off, "on′": twin };
    const target = (g: GatewayProcess): LoadTarget => ({ ...bench.chat, url: `${g.url}/api/v1/chat/completions` });
    const targets: Record<Variant | "direct", LoadTarget> = { direct: bench.direct, on: bench.chat, off: target(off), "on′": target(twin) };
    const scrapeMs: number[] = [];
    for (const g of [bench.gateway, twin]) {
      const timer = setInterval(() => {
        const t = performance.now();
        void scrape(g).then(() => scrapeMs.push(performance.now() - t), () => {});
      }, SCRAPE_MS);
      scrapers.push(timer);
    }
    console.log(`\nMetrics on vs off (METRICS_ENABLED=false), on′ = a second metrics-on process; scraped every ${SCRAPE_MS / 1000} s; ${ROUNDS} rounds of ${SECONDS} s\n`);

    bench.upstream.setDefaultBehavior(undefined);
    for (const name of VARIANTS) await runLoad(targets[name], { concurrency: 20, seconds: 5 });
    await new Promise((r) => setTimeout(r, 3000));

    bench.upstream.setDefaultBehavior("delay=20");
    await new Promise((r) => setTimeout(r, 100));
    const added = await measureAddedLatency({
      variants: VARIANTS,
      targets,
      pids: Object.fromEntries(VARIANTS.map((name) => [name, gateways[name].pid])) as Record<Variant, number | undefined>,
      rounds: ROUNDS,
      seconds: SECONDS,
      onRound: (round, added) => console.log(`  round ${round + 1}: added p50 ${VARIANTS.map((v) => `${v} ${added[v].p50.at(-1)!.toFixed(2)}`).join(", ")} ms; CPU/request ${VARIANTS.map((v) => `${v} ${added[v].cpu.at(-1)!.toFixed(0)}`).join(", ")} µs`),
    });
    printAddedLatency(VARIANTS, added);

    bench.upstream.setDefaultBehavior(undefined);
    const rps: Record<Variant, number[]> = { on: [], off: [], "on′": [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of rotate(VARIANTS, round)) rps[name].push((await runLoad(targets[name], { concurrency: 20, seconds: SECONDS, warmupSeconds: 1 })).rps);
    }
    const ratio = (a: Variant, b: Variant) => rps[a].map((v, i) => v / rps[b][i]!);
    console.log("Throughput at 20 connections, upstream at once — median (range) over rounds:");
    for (const v of VARIANTS) console.log(`  ${v.padEnd(4)} ${medianRange(rps[v], 0)} req/s`);
    console.log(`  on / off per round: ${medianRange(ratio("on", "off"), 3)}×;  on′ / on (two identical processes): ${medianRange(ratio("on′", "on"), 3)}×`);

    for (const s of scrapers) clearInterval(s);
    const [on, offScrape] = [await scrape(bench.gateway), await scrape(off)];
    console.log(`Scrapes: ${scrapeMs.length}, median ${median(scrapeMs).toFixed(1)} ms (max ${Math.max(...scrapeMs).toFixed(1)}); /metrics of "on": ${on.bytes} bytes, ${on.requests} requests counted; of "off": HTTP ${offScrape.status}`);
  } finally {
    for (const s of scrapers) clearInterval(s);
    for (const g of extra) await g.stop();
    await bench.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
