/**
 * Two builds of the gateway side by side in one run: the current checkout ("new") against
 * another revision ("old", BENCH_AB_BASE, default HEAD~1, checked out as a temporary worktree),
 * plus a second process of the current build ("new′") so the noise between two identical builds
 * is measured in the same run. Same upstream, same database, same config (bench-gateway.ts);
 * request logging on.
 *   - latency at 10 connections, upstream answering in 20 ms: added p50/p99 over direct;
 *   - throughput at 20 connections, upstream answering at once.
 * BENCH_ROUNDS (default 8) rounds in rotating order; medians and ranges over rounds.
 *   BENCH_AB_BASE=<rev> npm run bench -- --only gateway-ab
 */
import { spawnGateway, type GatewayProcess } from "../lib/testing/spawn-gateway";
import { startBenchGateway } from "./lib/bench-gateway";
import { checkoutBuild } from "./lib/checkout";
import { runLoad, type LoadTarget } from "./lib/load";
import { printAddedLatency, measureAddedLatency } from "./lib/added-latency";
import { medianRange, rotate } from "./lib/rounds";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const BASE = process.env.BENCH_AB_BASE ?? "HEAD~1";
type Build = "old" | "new" | "new′";
const BUILDS: Build[] = ["old", "new", "new′"];

async function main() {
  const bench = await startBenchGateway("frontdesk_ab");
  const checkout = checkoutBuild(BASE);
  const extra: GatewayProcess[] = [];
  try {
    const old = await spawnGateway(bench.databaseUrl, {}, [], checkout.root);
    extra.push(old);
    const twin = await spawnGateway(bench.databaseUrl);
    extra.push(twin);
    const target = (g: GatewayProcess): LoadTarget => ({ ...bench.chat, url: `${g.url}/api/v1/chat/completions` });
    const gateways: Record<Build, GatewayProcess> = { old, new: bench.gateway, "new′": twin };
    const targets: Record<Build | "direct", LoadTarget> = { direct: bench.direct, old: target(old), new: bench.chat, "new′": target(twin) };
    console.log(`\nGateway A/B: old = ${checkout.rev} (${BASE}), new = this checkout, new′ = a second process of it; ${ROUNDS} rounds of ${SECONDS} s\n`);

    bench.upstream.setDefaultBehavior(undefined);
    for (const name of BUILDS) await runLoad(targets[name], { concurrency: 20, seconds: 5 });
    await new Promise((r) => setTimeout(r, 3000));

    bench.upstream.setDefaultBehavior("delay=20");
    await new Promise((r) => setTimeout(r, 100));
    const added = await measureAddedLatency({
      variants: BUILDS,
      targets,
      pids: Object.fromEntries(BUILDS.map((name) => [name, gateways[name].pid])) as Record<Build, number | undefined>,
      rounds: ROUNDS,
      seconds: SECONDS,
      onRound: (round, added) => console.log(`  round ${round + 1}: added p50 ${BUILDS.map((b) => `${b} ${added[b].p50.at(-1)!.toFixed(2)}`).join(", ")} ms; p99 ${BUILDS.map((b) => `${b} ${added[b].p99.at(-1)!.toFixed(2)}`).join(", ")} ms`),
    });
    printAddedLatency(BUILDS, added);

    bench.upstream.setDefaultBehavior(undefined);
    const rps: Record<Build, number[]> = { old: [], new: [], "new′": [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of rotate(BUILDS, round)) rps[name].push((await runLoad(targets[name], { concurrency: 20, seconds: SECONDS, warmupSeconds: 1 })).rps);
    }
    const ratio = (a: Build, b: Build) => rps[a].map((v, i) => v / rps[b][i]!);
    console.log("Throughput at 20 connections, upstream at once — median (range) over rounds:");
    for (const b of BUILDS) console.log(`  ${b.padEnd(4)} ${medianRange(rps[b], 0)} req/s`);
    console.log(`  new / old per round: ${medianRange(ratio("new", "old"), 3)}×;  new′ / new (two identical builds): ${medianRange(ratio("new′", "new"), 3)}×`);
  } finally {
    for (const g of extra) await g.stop();
    await bench.close();
    checkout.remove();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
