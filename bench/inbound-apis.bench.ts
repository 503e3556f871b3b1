/**
 * What the Anthropic Messages and OpenAI Responses endpoints add next to chat completions: the
 * same gateway, policy and upstream (the OpenAI-compatible test server answering in 20 ms), the
 * same one-message prompt sent as each API's request, JSON and streamed, at 10 concurrent
 * connections. Added latency is each target's percentile minus the upstream called directly
 * (JSON or streamed as the target); BENCH_ROUNDS rounds (default 3) in rotating order, medians
 * reported. x-frontdesk-overhead-ms is Frontdesk's own time (translation included).
 * BENCH_TARGETS=direct,chat,messages,responses runs only those (fewer targets, longer runs).
 */
import os from "node:os";
import { startBenchGateway } from "./lib/bench-gateway";
import { percentile, runLoad, type LoadResult, type LoadTarget } from "./lib/load";
import { median, rotate } from "./lib/rounds";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const UPSTREAM_DELAY_MS = 20;
const PROMPT = "Explain the difference between TCP and UDP in two sentences.";

type Name = "direct" | "chat" | "messages" | "responses" | "direct-stream" | "chat-stream" | "messages-stream" | "responses-stream";

async function main() {
  const bench = await startBenchGateway("frontdesk_bench_inbound");
  try {
    const gw = bench.gateway.url;
    const headers = bench.chat.headers;
    const target = (path: string, body: object): LoadTarget => ({ url: `${gw}${path}`, headers, body: JSON.stringify(body) });
    const stream = (t: LoadTarget): LoadTarget => ({ ...t, body: JSON.stringify({ ...JSON.parse(t.body), stream: true }) });
    const json: Record<"direct" | "chat" | "messages" | "responses", LoadTarget> = {
      direct: bench.direct,
      chat: bench.chat,
      messages: target("/api/v1/messages", { model: "frontdesk/auto", max_tokens: 256, messages: [{ role: "user", content: PROMPT }] }),
      responses: target("/api/v1/responses", { model: "frontdesk/auto", input: PROMPT }),
    };
    const targets: Record<Name, LoadTarget> = {
      ...json,
      "direct-stream": stream(json.direct),
      "chat-stream": stream(json.chat),
      "messages-stream": stream(json.messages),
      "responses-stream": stream(json.responses),
    };
    bench.upstream.setDefaultBehavior(`delay=${UPSTREAM_DELAY_MS}`);
    console.log(`\nInbound APIs (${os.cpus().length} cores, ${SECONDS} s per run, ${ROUNDS} rounds, 10 connections, upstream answering in ${UPSTREAM_DELAY_MS} ms)\n`);
    const names = (process.env.BENCH_TARGETS?.split(",") ?? Object.keys(targets)) as Name[];
    for (const name of names) await runLoad(targets[name], { concurrency: 10, seconds: 2 }); // JIT warm-up
    const results = Object.fromEntries(names.map((n) => [n, []])) as unknown as Record<Name, LoadResult[]>;
    const own = Object.fromEntries(names.map((n) => [n, []])) as unknown as Record<Name, number[][]>;
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of rotate(names, round)) {
        const overheads: number[] = [];
        results[name].push(await runLoad(targets[name], { concurrency: 10, seconds: SECONDS, warmupSeconds: 1, onHeaders: (h) => h["x-frontdesk-overhead-ms"] && overheads.push(Number(h["x-frontdesk-overhead-ms"])) }));
        own[name].push(overheads.sort((a, b) => a - b));
      }
      console.log(`  round ${round + 1} done`);
    }
    const med = (name: Name, p: "p50" | "p99") => median(results[name].map((r) => r[p]));
    const ownMed = (name: Name, p: number) => median(own[name].map((o) => percentile(o, p)));
    console.log("\n  target             req/s    p50 ms   p99 ms   added p50   added p99   own p50   own p99   errors");
    for (const name of names) {
      const base: Name = name.endsWith("stream") ? "direct-stream" : "direct";
      if (!results[base]?.length) throw new Error(`BENCH_TARGETS needs ${base} to compare ${name} with`);
      const rps = median(results[name].map((r) => r.rps));
      const errors = results[name].reduce((s, r) => s + r.errors, 0);
      const added = name === base ? "" : `${(med(name, "p50") - med(base, "p50")).toFixed(2).padStart(9)}   ${(med(name, "p99") - med(base, "p99")).toFixed(2).padStart(9)}   ${ownMed(name, 50).toFixed(3).padStart(7)}   ${ownMed(name, 99).toFixed(3).padStart(7)}`;
      console.log(`  ${name.padEnd(17)} ${rps.toFixed(0).padStart(6)}   ${med(name, "p50").toFixed(2).padStart(6)}   ${med(name, "p99").toFixed(2).padStart(6)}   ${added.padEnd(46)}   ${errors}`);
    }
    console.log("\n  (added = the target's percentile − the direct call's, JSON or streamed alike; own = x-frontdesk-overhead-ms, for streams the time before the first byte)");
  } finally {
    await bench.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
