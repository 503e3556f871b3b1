// Adapter overhead: callProvider vs a bare keep-alive request on the same transport (an undici
// Pool's dispatch, body chunks dropped) to the same OpenAI test upstream (run in its own process),
// 10 requests in flight, ~5 s per mode in interleaved 1 s
// slices (the machine is shared: slices spread background load over all modes). Numbers only.
//   npx tsx bench/upstream-overhead.bench.ts [--seconds=5] [--concurrency=10]
import os from "node:os";
import { Pool, type Dispatcher } from "undici";
import { callProvider, destroyAgents, type ProviderTarget } from "../lib/providers";
import { spawnUpstream } from "../lib/testing/upstreams/spawn-upstream";

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const SECONDS = arg("seconds", 5);
const CONCURRENCY = arg("concurrency", 10);

const request = {
  messages: [
    { role: "system" as const, content: "You are a helpful support assistant." },
    { role: "user" as const, content: "What are your opening hours on weekends? I'd like to come by on Saturday." },
  ],
  temperature: 0.2,
};

type Run = () => Promise<void>;

const signed = (x: number, digits: number) => `${x >= 0 ? "+" : ""}${x.toFixed(digits)}`;

interface Result { label: string; rps: number; p50: number; p99: number; cpuUs: number }

/** Runs `run` with CONCURRENCY workers for `seconds`, appending latencies; returns completed count. */
async function drive(run: Run, seconds: number, latencies: number[]): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let done = 0;
  const worker = async () => {
    while (performance.now() < end) {
      const t = performance.now();
      await run();
      latencies.push(performance.now() - t);
      done++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return done;
}

/** Interleaves the modes in 1 s slices (ROUNDS rounds) so background load hits them all alike. */
async function measureAll(modes: Array<[string, Run]>, rounds: number): Promise<Result[]> {
  const stats = modes.map(() => ({ latencies: [] as number[], done: 0, seconds: 0, cpuUs: 0 }));
  for (let round = 0; round < rounds; round++) {
    for (const [i, [, run]] of modes.entries()) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      stats[i].done += await drive(run, 1, stats[i].latencies);
      const used = process.cpuUsage(cpu);
      stats[i].cpuUs += used.user + used.system;
      stats[i].seconds += (performance.now() - started) / 1000;
    }
  }
  return modes.map(([label], i) => {
    const sorted = stats[i].latencies.sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    return { label, rps: stats[i].done / stats[i].seconds, p50: at(0.5), p99: at(0.99), cpuUs: stats[i].cpuUs / stats[i].done };
  });
}

function bareRequest(pool: Pool, path: string, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // onRequestStart marks a handler of undici's current API (else taken for the legacy one)
    const handler: Dispatcher.DispatchHandler = { onRequestStart: () => {}, onResponseEnd: () => resolve(), onResponseError: (_controller, error) => reject(error) };
    pool.dispatch({ path, method: "POST", headers: { "content-type": "application/json", authorization: "Bearer sk-test" }, body }, handler);
  });
}

async function main() {
  const upstream = await spawnUpstream("openai", { record: false });
  const base = `${upstream.url}/v1`;
  const url = new URL(`${base}/chat/completions`);
  const pool = new Pool(url.origin, { connections: CONCURRENCY * 2 });
  const target: ProviderTarget = { name: "fast", provider: "openai", baseUrl: base, model: "small-model", apiKey: "sk-test", timeoutMs: 10_000 };
  const bareBody = JSON.stringify({ ...request, model: "small-model", logprobs: true });
  const bareStreamBody = JSON.stringify({ ...request, model: "small-model", stream: true, stream_options: { include_usage: true } });

  const modes: Array<[string, Run]> = [
    ["bare undici dispatch (JSON)", () => bareRequest(pool, url.pathname, bareBody)],
    ["callProvider (JSON, logprobs)", async () => void (await callProvider(target, request, { wantLogprobs: true }))],
    ["bare undici dispatch (SSE)", () => bareRequest(pool, url.pathname, bareStreamBody)],
    ["callProvider (SSE pass-through)", async () => {
      const stream = await callProvider(target, request, { stream: true });
      for await (const part of stream.sse()) void part;
      await stream.summary;
    }],
    ["global fetch (JSON, for reference)", async () => {
      const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer sk-test" }, body: bareBody });
      await res.text();
    }],
  ];
  for (const [, run] of modes) await drive(run, 0.5, []); // warm-up (JIT, sockets)
  console.log(`upstream: OpenAI test server in its own process (pid ${upstream.pid}); ${CONCURRENCY} in flight; ${SECONDS} × 1 s interleaved slices per mode; node ${process.version}`);
  const results = await measureAll(modes, SECONDS);
  for (const r of results) {
    console.log(`${r.label.padEnd(36)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(3)} ms   p99 ${r.p99.toFixed(3)} ms   client CPU ${r.cpuUs.toFixed(0)} µs/req`);
  }
  const [bare, adapter, bareSse, adapterSse] = results;
  const overhead = (a: Result, b: Result) =>
    `p50 ${signed(a.p50 - b.p50, 3)} ms, p99 ${signed(a.p99 - b.p99, 3)} ms, CPU ${signed(a.cpuUs - b.cpuUs, 0)} µs/req`;
  console.log(`adapter overhead (JSON): ${overhead(adapter, bare)}`);
  console.log(`adapter overhead (SSE):  ${overhead(adapterSse, bareSse)}`);
  console.log(`(latency differences at 10 in flight include queueing behind that CPU; the machine is shared, load ${os.loadavg()[0].toFixed(1)})`);
  await pool.close();
  destroyAgents();
  await upstream.close();
}

await main();
