/**
 * What the gateway's slowest requests overlapped: at 10 connections with the upstream answering
 * in 20 ms (the latency benchmark's setting), a probe preloaded into the gateway
 * (bench/lib/tail-probe.mjs) records every GC pause and every request-log query with absolute
 * times, and the load generator records each request's start and end. Requests slower than the
 * direct call's p99 + 5 ms (the p99 target's budget) are matched against those intervals: the
 * share of slow requests that overlapped a scavenge, a mark-compact (incremental marking
 * included) or a log flush, next to the same share for all requests (what chance alone gives).
 * Also: GC pauses by kind, CPU per request of the gateway process and of Postgres, and where a
 * request's time goes (outside the gateway, inside it, the upstream call), matched by decision id.
 * Same stack and config as the gateway bench (bench/lib/bench-gateway.ts); BENCH_NODE_ARGS="..."
 * passes node flags to the gateway, as there.
 */
import { readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startBenchGateway } from "./lib/bench-gateway";
import { percentile, runLoad } from "./lib/load";
import { cpuMsWhere, processCpuMs } from "./lib/proc-cpu";

const SECONDS = 15;

type Interval = readonly [start: number, end: number, ...rest: unknown[]];
const overlaps = (a: Interval, b: Interval) => a[0] < b[1] && b[0] < a[1];

async function main() {
  const probeFile = path.join(os.tmpdir(), `frontdesk-tail-${process.pid}.json`);
  process.env.TAIL_PROBE_FILE = probeFile;
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const bench = await startBenchGateway("frontdesk_bench_tail", ["--import", path.join(import.meta.dirname, "lib/tail-probe.mjs"), ...nodeArgs]);
  const { upstream, gateway, chat, direct } = bench;
  let viaDirect, viaGateway, cpu;
  let attemptsMs = new Map<string, number>();
  try {
    await runLoad(chat, { concurrency: 20, seconds: 5 }); // steady state first, as in the gateway bench
    await runLoad(direct, { concurrency: 20, seconds: 2 });
    upstream.setDefaultBehavior("delay=20");
    await new Promise((r) => setTimeout(r, 2000));
    viaDirect = await runLoad(direct, { concurrency: 10, seconds: SECONDS / 2, warmupSeconds: 1 });
    const before = { gateway: processCpuMs(gateway.pid), postgres: cpuMsWhere((comm) => comm.startsWith("postgres")) };
    viaGateway = await runLoad(chat, { concurrency: 10, seconds: SECONDS, warmupSeconds: 1, spans: true });
    const n = viaGateway.requests * (1 + 1 / SECONDS); // the 1 s warm-up is in the CPU time too
    cpu = {
      gateway: ((processCpuMs(gateway.pid) - before.gateway) * 1000) / n,
      postgres: ((cpuMsWhere((comm) => comm.startsWith("postgres")) - before.postgres) * 1000) / n,
    };
    attemptsMs = await upstreamAttemptMs(bench.databaseUrl, viaGateway.spans!.flatMap((s) => (s[2] ? [s[2]] : [])));
  } finally {
    await bench.close(); // the gateway writes the probe's file as it exits
  }
  const probe = JSON.parse(readFileSync(probeFile, "utf8")) as { gc: Array<[number, number, string]>; queries: Interval[]; requests: Array<[string, number, number]> };
  rmSync(probeFile, { force: true });
  const spans = viaGateway.spans!;
  const window: Interval = [spans.reduce((m, s) => Math.min(m, s[0]), Infinity), spans.reduce((m, s) => Math.max(m, s[1]), 0)];
  const gc = probe.gc.filter(([at]) => at >= window[0] && at <= window[1]);
  const flushes = probe.queries.filter((q) => overlaps(q, window));

  console.log(`\n10 connections, upstream answering in 20 ms, ${SECONDS} s`);
  console.log(`  direct:  p50 ${viaDirect.p50.toFixed(2)} ms, p99 ${viaDirect.p99.toFixed(2)} ms`);
  console.log(`  gateway: p50 ${viaGateway.p50.toFixed(2)} ms, p99 ${viaGateway.p99.toFixed(2)} ms, p99.9 ${percentile(viaGateway.samples, 99.9).toFixed(2)} ms (${viaGateway.requests} requests)`);
  console.log(`  CPU per request: gateway process ${cpu.gateway.toFixed(0)} µs, Postgres (all its processes) ${cpu.postgres.toFixed(0)} µs`);
  const kinds = [...new Set(gc.map(([, , kind]) => kind))];
  for (const kind of kinds) {
    const pauses = gc.filter(([, , k]) => k === kind).map(([, ms]) => ms);
    console.log(`  GC ${kind}: ${pauses.length}, ${pauses.reduce((a, b) => a + b, 0).toFixed(0)} ms in all, longest ${Math.max(...pauses).toFixed(1)} ms`);
  }
  console.log(`  request-log queries: ${flushes.length}`);

  // Where a request's time goes: the load generator's span, the gateway's part of it (node:http
  // handing over the parsed request → the answer's last byte written), and within that the
  // upstream attempt as logged. What is left outside the gateway is the two loopback hops and
  // any wait for a CPU or for the gateway's event loop before node:http parses the request.
  const inGateway = new Map(probe.requests.map(([id, start, end]) => [id, end - start]));
  const parts = { outside: [] as number[], inside: [] as number[], upstream: [] as number[] };
  for (const [start, end, id] of spans) {
    const gateway = id === undefined ? undefined : inGateway.get(id);
    const upstream = id === undefined ? undefined : attemptsMs.get(id);
    if (gateway === undefined || upstream === undefined) continue;
    parts.outside.push(end - start - gateway);
    parts.inside.push(gateway - upstream);
    parts.upstream.push(upstream);
  }
  const dist = (values: number[]) => {
    const sorted = values.sort((a, b) => a - b);
    return `p50 ${percentile(sorted, 50).toFixed(2)}  p90 ${percentile(sorted, 90).toFixed(2)}  p99 ${percentile(sorted, 99).toFixed(2)} ms`;
  };
  console.log(`  where the time goes (${parts.inside.length} requests matched by decision id):`);
  console.log(`    outside the gateway (loopback hops, waiting for a CPU or the event loop)  ${dist(parts.outside)}`);
  console.log(`    in the gateway, not counting the upstream call                           ${dist(parts.inside)}`);
  console.log(`    the upstream call (logged attempt; direct p50 ${viaDirect.p50.toFixed(2)} ms incl. its two hops)    ${dist(parts.upstream)}`);

  const threshold = viaDirect.p99 + 5;
  const slow = spans.filter(([s, e]) => e - s > threshold);
  const causes: Record<string, (span: Interval) => boolean> = {
    scavenge: (span) => gc.some(([at, ms, kind]) => kind === "scavenge" && overlaps(span, [at, at + ms])),
    "mark-compact": (span) => gc.some(([at, ms, kind]) => kind !== "scavenge" && overlaps(span, [at, at + ms])),
    "log flush": (span) => flushes.some((q) => overlaps(span, q)),
  };
  const share = (list: Interval[], test: (span: Interval) => boolean) => `${((100 * list.filter(test).length) / Math.max(1, list.length)).toFixed(0)}%`;
  console.log(`  slower than direct p99 + 5 ms (${threshold.toFixed(1)} ms): ${slow.length} requests (${((100 * slow.length) / spans.length).toFixed(2)}%); share that overlapped…`);
  for (const [name, test] of Object.entries(causes)) console.log(`    ${name.padEnd(13)} ${share(slow, test).padStart(4)} of the slow ones, ${share(spans, test).padStart(4)} of all`);
  const none = (span: Interval) => !Object.values(causes).some((test) => test(span));
  console.log(`    ${"none of them".padEnd(13)} ${share(slow, none).padStart(4)} of the slow ones, ${share(spans, none).padStart(4)} of all`);
}

/** Each logged request's upstream attempt time (all attempts summed), by decision id. */
async function upstreamAttemptMs(databaseUrl: string, ids: string[]): Promise<Map<string, number>> {
  await new Promise((r) => setTimeout(r, 500)); // the last rows' flush
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; ms: number }>(
      `SELECT id, (SELECT coalesce(sum((a->>'ms')::float8), 0) FROM json_array_elements(latency->'attempts') a) AS ms FROM "RequestLog" WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.ms]));
  } finally {
    await client.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
