/**
 * What tracing costs: the same gateway build with tracing off and on, side by side in one run.
 * "off" and "off′" are two processes without OTEL_* variables (their difference is the noise of
 * the run); "on" has OTEL_EXPORTER_OTLP_ENDPOINT pointing at an OTLP/HTTP receiver in this
 * process that reads each export and discards it (every request sampled: a request span, a decide
 * span and an attempt span, batched by the BatchSpanProcessor). Same upstream, database and
 * config (bench-gateway.ts); request logging on.
 *   - throughput at 20 connections, upstream answering at once;
 *   - latency added over direct at 10 connections, upstream answering in 20 ms, and gateway CPU per request.
 * First, in this process alone: the spans of one request (request, decide, one attempt) made,
 * ended, batched, serialized and posted to the receiver — CPU per request, without the noise of
 * the HTTP load.
 * BENCH_ROUNDS (default 6) rounds in rotating order; medians and ranges over rounds.
 *   npm run bench -- --only tracing
 */
import { spawnGateway, type GatewayProcess } from "../lib/testing/spawn-gateway";
import { resetEnvCache } from "../lib/env";
import { startRequestTrace } from "../lib/gateway/request-trace";
import type { GatewayRequest } from "../lib/gateway/gateway-io";
import type { ProviderTarget } from "../lib/providers/index";
import type { Decision } from "../lib/routing/types";
import { flushTracing, stopTracing } from "../lib/telemetry/tracing";
import { startOtlpReceiver, type OtlpReceiver } from "../lib/testing/otlp-receiver";
import { startBenchGateway } from "./lib/bench-gateway";
import { runLoad, type LoadTarget } from "./lib/load";
import { printAddedLatency, measureAddedLatency } from "./lib/added-latency";
import { medianRange, rotate } from "./lib/rounds";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
type Build = "off" | "on" | "off′";
const BUILDS: Build[] = ["off", "on", "off′"];

/** CPU per request of one request's spans in this process (the receiver's reading included). */
async function spansInProcess(receiver: OtlpReceiver) {
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.url;
  resetEnvCache();
  const req: GatewayRequest = { header: () => undefined, body: async () => new Uint8Array(), signal: new AbortController().signal };
  const decision = { policy: "default", tier: "fast", stage: "rule", reason: "Rule hours matched.", rule: "hours", fallbacks: ["capable"], escalation: null, hedge: null } as unknown as Decision;
  const target = { name: "fast", provider: "openai", model: "small-model" } as ProviderTarget;
  const usage = { promptTokens: 20, completionTokens: 10 };
  const attempt = { tier: "fast", model: "small-model", ms: 1, outcome: "ok" as const, cause: "decision" as const, promptTokens: 20, completionTokens: 10, costUsd: 0.0001 };
  const cpu: number[] = [];
  for (let round = 0; round < ROUNDS + 1; round++) {
    const n = 5000;
    const before = process.cpuUsage();
    for (let i = 0; i < n; i++) {
      const trace = startRequestTrace(req, "chat", performance.now())!;
      trace.decided(decision, "frontdesk/auto", performance.now(), 0.05);
      await trace.call(target, "decision", async () => usage, () => ({ usage, model: "small-model", finishReason: "stop" }));
      trace.end({ tier: "fast", stage: "rule", status: "ok", httpStatus: 200, promptTokens: 20, completionTokens: 10, escalated: false, hedged: false, decisionId: "bench", model: "small-model", attempts: [attempt] });
    }
    await flushTracing();
    const used = process.cpuUsage(before);
    if (round > 0) cpu.push((used.user + used.system) / n); // round 0 warms up
  }
  await stopTracing();
  delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  resetEnvCache();
  console.log(`In process: one request's 3 spans made, exported and received — CPU ${medianRange(cpu, 1)} µs per request (median, range over ${ROUNDS} rounds)`);
}

async function main() {
  for (const name of Object.keys(process.env)) if (name.startsWith("OTEL_")) delete process.env[name];
  const receiver = await startOtlpReceiver({ discard: true });
  await spansInProcess(receiver);
  const bench = await startBenchGateway("frontdesk_tracing");
  const extra: GatewayProcess[] = [];
  try {
    const on = await spawnGateway(bench.databaseUrl, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: "frontdesk-bench" });
    extra.push(on);
    const twin = await spawnGateway(bench.databaseUrl);
    extra.push(twin);
    const target = (g: GatewayProcess): LoadTarget => ({ ...bench.chat, url: `${g.url}/api/v1/chat/completions` });
    const gateways: Record<Build, GatewayProcess> = { off: bench.gateway, on, "off′": twin };
    const targets: Record<Build | "direct", LoadTarget> = { direct: bench.direct, off: bench.chat, on: target(on), "off′": target(twin) };
    console.log(`\nTracing off vs on (OTLP/HTTP JSON to a discarding receiver, every request sampled); ${ROUNDS} rounds of ${SECONDS} s\n`);

    bench.upstream.setDefaultBehavior(undefined);
    for (const name of BUILDS) await runLoad(targets[name], { concurrency: 20, seconds: 5 });
    await new Promise((r) => setTimeout(r, 3000));

    const rps: Record<Build, number[]> = { off: [], on: [], "off′": [] };
    const exported = { posts: receiver.posts, bytes: receiver.bytes, requests: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of rotate(BUILDS, round)) {
        const result = await runLoad(targets[name], { concurrency: 20, seconds: SECONDS, warmupSeconds: 1 });
        rps[name].push(result.rps);
        if (name === "on") exported.requests += result.requests;
      }
      console.log(`  round ${round + 1}: ${BUILDS.map((b) => `${b} ${rps[b].at(-1)!.toFixed(0)}`).join(", ")} req/s`);
    }
    const ratio = (a: Build, b: Build) => rps[a].map((v, i) => v / rps[b][i]!);
    console.log("Throughput at 20 connections, upstream at once — median (range) over rounds:");
    for (const b of BUILDS) console.log(`  ${b.padEnd(4)} ${medianRange(rps[b], 0)} req/s`);
    console.log(`  on / off per round: ${medianRange(ratio("on", "off"), 3)}×;  off′ / off (two identical processes): ${medianRange(ratio("off′", "off"), 3)}×`);
    console.log(`  exports received from "on": ${receiver.posts - exported.posts} POSTs, ${((receiver.bytes - exported.bytes) / 1e6).toFixed(1)} MB (${((receiver.bytes - exported.bytes) / Math.max(1, exported.requests)).toFixed(0)} B per measured request, warm-ups included)`);

    bench.upstream.setDefaultBehavior("delay=20");
    await new Promise((r) => setTimeout(r, 100));
    const added = await measureAddedLatency({
      variants: BUILDS,
      targets,
      pids: Object.fromEntries(BUILDS.map((name) => [name, gateways[name].pid])) as Record<Build, number | undefined>,
      rounds: ROUNDS,
      seconds: SECONDS,
    });
    printAddedLatency(BUILDS, added);
  } finally {
    for (const g of extra) await g.stop();
    await bench.close();
    await receiver.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
