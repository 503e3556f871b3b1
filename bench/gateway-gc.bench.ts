/**
 * The gateway's garbage per request, the number behind its p99: at 10 connections with the
 * upstream answering in 20 ms (the latency benchmark's setting), the gateway runs with
 * --trace-gc-nvp and the scavenges of an 8-second window are summed: KB allocated and KB promoted
 * to the old generation per request, and how many scavenges and mark-compacts ran. Promotion
 * sets how often a mark-compact stalls every request in flight. It is less noisy than p99 (four
 * runs on 2026-11-29: 10.9, 11.2, 11.6 and 20.3 KB), so it is a better number to compare changes by
 * — still with more than one run each.
 * Uses DATABASE_URL's server or a temporary embedded Postgres (a fresh database, dropped after).
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEphemeralPostgres } from "../lib/db/embedded-postgres.ts";
import { createTestDatabase } from "../lib/testing/test-database.ts";
import { runCli, spawnGateway } from "../lib/testing/spawn-gateway.ts";
import { spawnUpstream } from "../lib/testing/upstreams/spawn-upstream.ts";
import { runLoad } from "./lib/load.ts";

const SECONDS = 8;

async function main() {
  const ephemeral = process.env.DATABASE_URL ? null : await startEphemeralPostgres();
  const database = await createTestDatabase(process.env.DATABASE_URL ?? ephemeral!.url, "frontdesk_bench_gc");
  const upstream = await spawnUpstream("openai", { record: false });
  try {
    const configFile = path.join(os.tmpdir(), `frontdesk-bench-gc-${process.pid}.json`);
    const tier = (name: string, model: string, price: number) => ({ name, provider: "openai", baseUrl: `${upstream.url}/v1`, model, inputUsdPerMTok: price, outputUsdPerMTok: price });
    writeFileSync(configFile, JSON.stringify({ tiers: [tier("fast", "small-model", 0.06), tier("capable", "large-model", 10)], policies: [{ name: "default", tiers: ["fast", "capable"], escalation: { enabled: false } }] }));
    await runCli(["config", "apply", configFile], database.url);
    const key = (await runCli(["keys", "create", "--name", "bench-gc"], database.url)).trim();
    const gateway = await spawnGateway(database.url, {}, ["--trace-gc-nvp"]);
    const target = {
      url: `${gateway.url}/api/v1/chat/completions`,
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ model: "frontdesk/auto", messages: [{ role: "user", content: "Explain the difference between TCP and UDP in two sentences." }] }),
    };
    await runLoad(target, { concurrency: 20, seconds: 4 }); // steady state first, as in the gateway bench
    upstream.setDefaultBehavior("delay=20");
    await new Promise((r) => setTimeout(r, 500));
    const from = gateway.output().length;
    const load = await runLoad(target, { concurrency: 10, seconds: SECONDS });
    let promoted = 0;
    let allocated = 0;
    let scavenges = 0;
    let markCompacts = 0;
    for (const line of gateway.output().slice(from).split("\n")) {
      if (line.includes("gc=s ")) {
        scavenges++;
        promoted += Number(/promoted=(\d+)/.exec(line)?.[1] ?? 0);
        allocated += Number(/allocated=(\d+)/.exec(line)?.[1] ?? 0);
      } else if (/gc=m?mc /.test(line)) markCompacts++;
    }
    const perRequest = (bytes: number) => (bytes / load.requests / 1000).toFixed(1);
    console.log(`\n10 connections, upstream answering in 20 ms, ${SECONDS} s: ${load.requests} requests (${load.rps.toFixed(0)} req/s)`);
    console.log(`  allocated ${perRequest(allocated)} KB per request, promoted to the old generation ${perRequest(promoted)} KB per request`);
    console.log(`  ${scavenges} scavenges, ${markCompacts} mark-compacts in the window`);
    await gateway.stop();
  } finally {
    await upstream.close();
    await database.drop();
    await ephemeral?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
