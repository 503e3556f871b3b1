/**
 * Gateway overhead and throughput, measured in one run on this machine:
 *   - latency at 10 concurrent connections: the upstream called directly vs through Frontdesk
 *     (request logging on) → the overhead Frontdesk adds (target p50 ≤ 1 ms, p99 ≤ 5 ms);
 *   - throughput at 20 connections: Frontdesk vs the Portkey gateway (@portkey-ai/gateway, same
 *     upstream, target ≥ 2×) vs a bare node:http proxy (the floor).
 * Every server runs in its own process; the upstream is the OpenAI-compatible test server.
 * Uses DATABASE_URL's server or a temporary embedded Postgres (a fresh database, dropped after).
 * BENCH_PROFILE=<dir> writes a CPU profile of the gateway; BENCH_NODE_ARGS="..." passes node flags to it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort, startEphemeralPostgres } from "../lib/db/embedded-postgres.ts";
import { createTestDatabase } from "../lib/testing/test-database.ts";
import { runCli, spawnGateway } from "../lib/testing/spawn-gateway.ts";
import { spawnUpstream } from "../lib/testing/upstreams/spawn-upstream.ts";
import { percentile, runLoad, type LoadResult } from "./lib/load.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const UPSTREAM_DELAY_MS = 20;
const MESSAGES = [{ role: "user", content: "Explain the difference between TCP and UDP in two sentences." }];

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

const fmt = (r: LoadResult) => `${r.rps.toFixed(0).padStart(6)} req/s   p50 ${r.p50.toFixed(2).padStart(6)} ms   p99 ${r.p99.toFixed(2).padStart(6)} ms   errors ${r.errors}`;

async function main() {
  const ephemeral = process.env.DATABASE_URL ? null : await startEphemeralPostgres();
  const database = await createTestDatabase(process.env.DATABASE_URL ?? ephemeral!.url, "frontdesk_bench");
  const upstream = await spawnUpstream("openai", { record: false });
  const children: ChildProcess[] = [];
  try {
    const configFile = path.join(os.tmpdir(), `frontdesk-bench-${process.pid}.json`);
    writeFileSync(
      configFile,
      JSON.stringify({
        tiers: [
          { name: "fast", provider: "openai", baseUrl: `${upstream.url}/v1`, model: "small-model", inputUsdPerMTok: 0.06, outputUsdPerMTok: 0.06 },
          { name: "capable", provider: "openai", baseUrl: `${upstream.url}/v1`, model: "large-model", inputUsdPerMTok: 10, outputUsdPerMTok: 30 },
        ],
        policies: [
          {
            name: "default",
            tiers: ["fast", "capable"],
            escalation: { enabled: false },
            rules: [
              { name: "hours", match: { keywords: ["opening hours", "store hours"] }, tier: "fast" },
              { name: "refunds", match: { regex: "refund(s|ed)? (policy|request)" }, tier: "fast" },
              { name: "disputes", match: { category: "dispute" }, tier: "capable" },
            ],
          },
        ],
      }),
    );
    await runCli(["config", "apply", configFile], database.url);
    const key = (await runCli(["keys", "create", "--name", "bench"], database.url)).trim();
    const profile = [...(process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []), ...(process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? [])];
    const frontdesk = await spawnGateway(database.url, {}, profile);
    const portkeyPort = await freePort();
    const portkey = await startProcess(process.execPath, ["node_modules/@portkey-ai/gateway/build/start-server.js", `--port=${portkeyPort}`, "--headless"], /running at|Ready/i);
    children.push(portkey.child);
    const bare = await startProcess(process.execPath, ["--import", "tsx", "bench/lib/bare-proxy.ts", upstream.url], /PORT (\d+)/);
    children.push(bare.child);

    const json = { "content-type": "application/json" };
    const targets = {
      direct: { url: `${upstream.url}/v1/chat/completions`, headers: json, body: JSON.stringify({ model: "small-model", messages: MESSAGES }) },
      frontdesk: { url: `${frontdesk.url}/api/v1/chat/completions`, headers: { ...json, authorization: `Bearer ${key}` }, body: JSON.stringify({ model: "frontdesk/auto", messages: MESSAGES }) },
      portkey: {
        url: `http://127.0.0.1:${portkeyPort}/v1/chat/completions`,
        headers: { ...json, authorization: "Bearer sk-bench", "x-portkey-provider": "openai", "x-portkey-custom-host": `${upstream.url}/v1` },
        body: JSON.stringify({ model: "small-model", messages: MESSAGES }),
      },
      bare: { url: `http://127.0.0.1:${bare.match[1]}/v1/chat/completions`, headers: json, body: JSON.stringify({ model: "small-model", messages: MESSAGES }) },
    };

    console.log(`\nGateway benchmark (${os.cpus().length} cores, ${SECONDS} s per run, one run per line)\n`);
    for (const delayMs of [UPSTREAM_DELAY_MS, 0]) {
      upstream.setDefaultBehavior(delayMs ? `delay=${delayMs}` : undefined);
      await new Promise((r) => setTimeout(r, 100));
      console.log(`Latency at 10 concurrent connections, upstream answering in ${delayMs ? `${delayMs} ms (like a fast LLM API)` : "0 ms (saturating: latency = 10 / throughput)"}:`);
      const overheads: number[] = [];
      const direct = await runLoad(targets.direct, { concurrency: 10, seconds: SECONDS, warmupSeconds: 2 });
      console.log(`  upstream directly     ${fmt(direct)}`);
      const viaFrontdesk = await runLoad(targets.frontdesk, {
        concurrency: 10,
        seconds: SECONDS,
        warmupSeconds: 2,
        onHeaders: (h) => overheads.push(Number(h["x-frontdesk-overhead-ms"])),
      });
      console.log(`  through Frontdesk     ${fmt(viaFrontdesk)}`);
      const viaBare = await runLoad(targets.bare, { concurrency: 10, seconds: SECONDS, warmupSeconds: 2 });
      console.log(`  through a bare proxy  ${fmt(viaBare)}   (the cost of any extra hop on this machine)`);
      overheads.sort((a, b) => a - b);
      console.log(`  added latency (Frontdesk − direct): p50 ${(viaFrontdesk.p50 - direct.p50).toFixed(2)} ms, p99 ${(viaFrontdesk.p99 - direct.p99).toFixed(2)} ms   (targets: ≤ 1 ms, ≤ 5 ms)`);
      console.log(`  added latency (bare proxy − direct): p50 ${(viaBare.p50 - direct.p50).toFixed(2)} ms, p99 ${(viaBare.p99 - direct.p99).toFixed(2)} ms`);
      console.log(`  Frontdesk's own time per request (x-frontdesk-overhead-ms): p50 ${percentile(overheads, 50).toFixed(3)} ms, p99 ${percentile(overheads, 99).toFixed(3)} ms\n`);
    }
    upstream.setDefaultBehavior(undefined);

    console.log("Throughput at 20 concurrent connections (upstream answering at once):");
    const results: Record<string, LoadResult> = {};
    for (const name of ["bare", "frontdesk", "portkey"] as const) {
      results[name] = await runLoad(targets[name], { concurrency: 20, seconds: SECONDS, warmupSeconds: 2 });
      console.log(`  ${{ bare: "bare node proxy (floor)", frontdesk: "Frontdesk", portkey: "Portkey gateway" }[name].padEnd(22)}${fmt(results[name]!)}`);
    }
    console.log(`  Frontdesk / Portkey: ${(results.frontdesk!.rps / results.portkey!.rps).toFixed(2)}×   (target ≥ 2×)`);

    await frontdesk.stop();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const rows = Number((await client.query(`SELECT count(*) AS n FROM "RequestLog"`)).rows[0].n);
    await client.end();
    console.log(`\nRequest log: ${rows} rows written for the Frontdesk requests (logging on throughout).`);
  } finally {
    for (const c of children) c.kill("SIGTERM");
    await upstream.close();
    await database.drop();
    await ephemeral?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
