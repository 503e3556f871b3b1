/**
 * Gateway overhead and throughput, measured in one run on this machine:
 *   - latency at 10 concurrent connections: the upstream called directly vs through Frontdesk
 *     (request logging on) → the overhead Frontdesk adds (targets: mean ≤ 1 ms; p50 ≤ 1 ms, p99 ≤ 5 ms);
 *   - throughput at 20 connections: Frontdesk vs the Portkey gateway (@portkey-ai/gateway, same
 *     upstream, target ≥ 4×) vs a bare node:http proxy (the floor; target ≥ 35% of its req/s).
 * Ends with a SUMMARY of the three ratios the targets name, and CPU per request at saturation.
 * Every server is warmed up with the same saturating load first (steady state, not JIT warm-up);
 * each comparison runs BENCH_ROUNDS times (default 5) in rotating order, and the medians are reported:
 * on two shared cores single runs differ by more than the targets.
 * Every server runs in its own process; the upstream is the OpenAI-compatible test server.
 * Uses DATABASE_URL's server or a temporary embedded Postgres (a fresh database, dropped after).
 * BENCH_PROFILE=<dir> writes a CPU profile of the gateway; BENCH_NODE_ARGS="..." passes node flags to it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "../lib/db/embedded-postgres";
import { startBenchGateway } from "./lib/bench-gateway";
import { percentile, runLoad, type LoadResult } from "./lib/load";
import { processCpuMs } from "./lib/proc-cpu";
import { median, rotate } from "./lib/rounds";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const WARMUP_SECONDS = 5;
const UPSTREAM_DELAY_MS = 20;

function startProcess(cmd: string, args: string[], ready: RegExp, env: Record<string, string> = {}): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(cmd, args, { cwd: path.resolve(import.meta.dirname, ".."), env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(" ")} did not start:\n${out}`)), 30_000);
    const onData = (c: Buffer) => {
      out += c.toString();
      const match = ready.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
  });
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

const fmt = (r: LoadResult) => `${r.rps.toFixed(0).padStart(6)} req/s   p50 ${r.p50.toFixed(2).padStart(6)} ms   p99 ${r.p99.toFixed(2).padStart(6)} ms   errors ${r.errors}`;

async function main() {
  const profile = [...(process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []), ...(process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? [])];
  const bench = await startBenchGateway("frontdesk_bench", profile);
  const { upstream, gateway: frontdesk } = bench;
  const children: ChildProcess[] = [];
  try {
    const portkeyPort = await freePort();
    const portkey = await startProcess(process.execPath, ["node_modules/@portkey-ai/gateway/build/start-server.js", `--port=${portkeyPort}`, "--headless"], /running at|Ready/i);
    children.push(portkey.child);
    const bare = await startProcess(process.execPath, ["--import", "tsx", "bench/lib/bare-proxy.ts", upstream.url], /PORT (\d+)/);
    children.push(bare.child);
    const pids = { frontdesk: frontdesk.pid, bare: bare.child.pid };

    const json = { "content-type": "application/json" };
    const targets = {
      direct: bench.direct,
      frontdesk: bench.chat,
      portkey: {
        url: `http://127.0.0.1:${portkeyPort}/v1/chat/completions`,
        headers: { ...json, authorization: "Bearer sk-bench", "x-portkey-provider": "openai", "x-portkey-custom-host": `${upstream.url}/v1` },
        body: bench.direct.body,
      },
      bare: { url: `http://127.0.0.1:${bare.match[1]}/v1/chat/completions`, headers: json, body: bench.direct.body },
    };

    const summary = { addedMeanMs: NaN, cpu: {} as Partial<Record<"latency" | "saturated", { frontdesk: number; bare: number }>> };
    console.log(`\nGateway benchmark (${os.cpus().length} cores, ${SECONDS} s per run, ${ROUNDS} rounds, medians over rounds)\n`);
    // JIT warm-up: every server gets the same saturating load first, so what follows measures
    // steady state (each is a long-running server), not V8 compiling its hot paths. Then a pause,
    // so the heap shrink after the burst does not land in the first measured run.
    upstream.setDefaultBehavior(undefined);
    for (const name of ["direct", "frontdesk", "bare", "portkey"] as const) await runLoad(targets[name], { concurrency: 20, seconds: WARMUP_SECONDS });
    await new Promise((r) => setTimeout(r, 3000));

    for (const delayMs of [UPSTREAM_DELAY_MS, 0]) {
      upstream.setDefaultBehavior(delayMs ? `delay=${delayMs}` : undefined);
      await new Promise((r) => setTimeout(r, 100));
      console.log(`Latency at 10 concurrent connections, upstream answering in ${delayMs ? `${delayMs} ms (like a fast LLM API)` : "0 ms (saturating: latency = 10 / throughput)"}:`);
      const rounds: Array<{ direct: LoadResult; frontdesk: LoadResult; bare: LoadResult; overheads: number[]; cpu: Record<"frontdesk" | "bare", number> }> = [];
      for (let round = 0; round < ROUNDS; round++) {
        const overheads: number[] = [];
        const measured: Partial<Record<"direct" | "frontdesk" | "bare", LoadResult>> = {};
        const cpu = { frontdesk: NaN, bare: NaN };
        // The order rotates from round to round: whichever runs first after a switch is measurably
        // slower here, and a fixed order would charge that to the same target every time.
        for (const name of rotate(["direct", "frontdesk", "bare"] as const, round)) {
          const pid = name === "direct" ? undefined : pids[name];
          const cpuBefore = processCpuMs(pid);
          measured[name] = await runLoad(targets[name], {
            concurrency: 10,
            seconds: SECONDS,
            warmupSeconds: 1,
            ...(name === "frontdesk" ? { onHeaders: (h: Record<string, unknown>) => overheads.push(Number(h["x-frontdesk-overhead-ms"])) } : {}),
          });
          // The load's 1 s warm-up is in the CPU time too: per request over all requests sent.
          if (name !== "direct") cpu[name] = ((processCpuMs(pid) - cpuBefore) * 1000) / (measured[name].requests * (1 + 1 / SECONDS));
        }
        const { direct, frontdesk: viaFrontdesk, bare: viaBare } = measured as Record<"direct" | "frontdesk" | "bare", LoadResult>;
        rounds.push({ direct, frontdesk: viaFrontdesk, bare: viaBare, overheads: overheads.sort((a, b) => a - b), cpu });
        console.log(`  round ${round + 1}: direct ${fmt(direct)}`);
        console.log(`           Frontdesk ${fmt(viaFrontdesk)}   added p50 ${(viaFrontdesk.p50 - direct.p50).toFixed(2)} ms, p99 ${(viaFrontdesk.p99 - direct.p99).toFixed(2)} ms`);
        console.log(`           bare proxy ${fmt(viaBare)}   added p50 ${(viaBare.p50 - direct.p50).toFixed(2)} ms, p99 ${(viaBare.p99 - direct.p99).toFixed(2)} ms`);
      }
      const added = (via: "frontdesk" | "bare", p: "p50" | "p99") => median(rounds.map((r) => r[via][p] - r.direct[p]));
      const addedMean = (via: "frontdesk" | "bare") => median(rounds.map((r) => mean(r[via].samples) - mean(r.direct.samples)));
      if (delayMs) summary.addedMeanMs = addedMean("frontdesk");
      const own = (p: number) => median(rounds.map((r) => percentile(r.overheads, p)));
      console.log(`  added latency (Frontdesk − direct), median of ${ROUNDS}: mean ${addedMean("frontdesk").toFixed(2)} ms, p50 ${added("frontdesk", "p50").toFixed(2)} ms, p99 ${added("frontdesk", "p99").toFixed(2)} ms   (targets: mean ≤ 1 ms at 20 ms upstream; p50 ≤ 1 ms, p99 ≤ 5 ms)`);
      console.log(`  added latency (bare proxy − direct), median of ${ROUNDS}: mean ${addedMean("bare").toFixed(2)} ms, p50 ${added("bare", "p50").toFixed(2)} ms, p99 ${added("bare", "p99").toFixed(2)} ms   (the cost of any extra hop on this machine)`);
      console.log(`  Frontdesk's own time per request (x-frontdesk-overhead-ms): p50 ${own(50).toFixed(3)} ms, p99 ${own(99).toFixed(3)} ms`);
      const cpuPerRequest = (via: "frontdesk" | "bare") => median(rounds.map((r) => r.cpu[via])).toFixed(0);
      console.log(`  CPU per request, whole process: Frontdesk ${cpuPerRequest("frontdesk")} µs, bare proxy ${cpuPerRequest("bare")} µs\n`);
      summary.cpu[delayMs ? "latency" : "saturated"] = { frontdesk: Number(cpuPerRequest("frontdesk")), bare: Number(cpuPerRequest("bare")) };
    }
    upstream.setDefaultBehavior(undefined);

    console.log("Throughput at 20 concurrent connections (upstream answering at once):");
    const results: Record<"bare" | "frontdesk" | "portkey", LoadResult[]> = { bare: [], frontdesk: [], portkey: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of rotate(["bare", "frontdesk", "portkey"] as const, round)) {
        const result = await runLoad(targets[name], { concurrency: 20, seconds: SECONDS, warmupSeconds: 1 });
        results[name].push(result);
        console.log(`  round ${round + 1}: ${{ bare: "bare node proxy (floor)", frontdesk: "Frontdesk", portkey: "Portkey gateway" }[name].padEnd(24)}${fmt(result)}`);
      }
    }
    const ratios = results.frontdesk.map((r, i) => r.rps / results.portkey[i]!.rps);
    const ofBare = results.frontdesk.map((r, i) => r.rps / results.bare[i]!.rps);
    console.log(`  median req/s: bare ${median(results.bare.map((r) => r.rps)).toFixed(0)}, Frontdesk ${median(results.frontdesk.map((r) => r.rps)).toFixed(0)}, Portkey ${median(results.portkey.map((r) => r.rps)).toFixed(0)}`);
    console.log(`  Frontdesk / Portkey per round: ${ratios.map((r) => `${r.toFixed(2)}×`).join(", ")}; median ${median(ratios).toFixed(2)}×   (target ≥ 4×)`);
    console.log(`  Frontdesk / bare proxy per round: ${ofBare.map((r) => `${(100 * r).toFixed(0)}%`).join(", ")}; median ${(100 * median(ofBare)).toFixed(0)}%   (target ≥ 35%)`);
    const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
    console.log("\nSUMMARY (medians over rounds, this machine, this run):");
    console.log(`  Frontdesk / Portkey at 20 connections        ${median(ratios).toFixed(2)}×   target ≥ 4×     ${verdict(median(ratios) >= 4)}`);
    console.log(`  Frontdesk / bare proxy at 20 connections     ${(100 * median(ofBare)).toFixed(0)}%    target ≥ 35%    ${verdict(median(ofBare) >= 0.35)}`);
    console.log(`  mean added latency, 10 conn., 20 ms upstream ${summary.addedMeanMs.toFixed(2)} ms  target ≤ 1 ms   ${verdict(summary.addedMeanMs <= 1)}`);
    const { saturated } = summary.cpu;
    if (saturated) console.log(`  CPU per request at saturation                Frontdesk ${saturated.frontdesk} µs, bare proxy ${saturated.bare} µs (${(saturated.frontdesk / saturated.bare).toFixed(1)}×)`);

    await frontdesk.stop();
    const client = new pg.Client({ connectionString: bench.databaseUrl });
    await client.connect();
    const rows = Number((await client.query(`SELECT count(*) AS n FROM "RequestLog"`)).rows[0].n);
    await client.end();
    console.log(`\nRequest log: ${rows} rows written for the Frontdesk requests (logging on throughout).`);
  } finally {
    for (const c of children) c.kill("SIGTERM");
    await bench.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
