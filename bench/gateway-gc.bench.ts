/**
 * The gateway's garbage per request, the number behind its p99: at 10 connections with the
 * upstream answering in 20 ms (the latency benchmark's setting), the gateway runs with
 * --trace-gc-nvp and the scavenges of an 8-second window are summed: KB allocated and KB promoted
 * to the old generation per request, and how many scavenges and mark-compacts ran. Promotion
 * sets how often a mark-compact stalls every request in flight. It is less noisy than p99 (four
 * runs on 2026-11-29: 10.9, 11.2, 11.6 and 20.3 KB), so it is a better number to compare changes by
 * — still with more than one run each.
 * Same stack and config as the gateway bench (bench/lib/bench-gateway.ts).
 */
import { startBenchGateway } from "./lib/bench-gateway";
import { runLoad } from "./lib/load";

const SECONDS = 8;

async function main() {
  const bench = await startBenchGateway("frontdesk_bench_gc", ["--trace-gc-nvp"]);
  const { upstream, gateway, chat: target } = bench;
  try {
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
  } finally {
    await bench.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
