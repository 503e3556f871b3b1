/**
 * Latency a gateway adds, side by side: rounds at 10 connections in rotating order over the
 * direct target and each variant, each variant's p50 / p99 minus direct's in the same round, and
 * its process's CPU per request (from /proc; the 1 s warm-up's requests counted in the share).
 */
import { runLoad, type LoadResult, type LoadTarget } from "./load";
import { processCpuMs } from "./proc-cpu";
import { medianRange, rotate } from "./rounds";

export type Added = { p50: number[]; p99: number[]; cpu: number[] };

export async function measureAddedLatency<V extends string>(opts: {
  variants: readonly V[];
  targets: Record<V | "direct", LoadTarget>;
  pids: Record<V, number | undefined>;
  rounds: number;
  seconds: number;
  /** After each round (e.g. to print it). */
  onRound?: (round: number, added: Record<V, Added>) => void;
}): Promise<Record<V, Added>> {
  const { variants, targets, pids, rounds, seconds } = opts;
  const added = Object.fromEntries(variants.map((v) => [v, { p50: [], p99: [], cpu: [] }])) as unknown as Record<V, Added>;
  for (let round = 0; round < rounds; round++) {
    const measured: Partial<Record<V | "direct", LoadResult>> = {};
    for (const name of rotate<V | "direct">(["direct", ...variants], round)) {
      const pid = name === "direct" ? undefined : pids[name];
      const before = processCpuMs(pid);
      measured[name] = await runLoad(targets[name], { concurrency: 10, seconds, warmupSeconds: 1 });
      if (name !== "direct") added[name].cpu.push(((processCpuMs(pid) - before) * 1000) / (measured[name]!.requests * (1 + 1 / seconds)));
    }
    for (const name of variants) {
      added[name].p50.push(measured[name]!.p50 - measured.direct!.p50);
      added[name].p99.push(measured[name]!.p99 - measured.direct!.p99);
    }
    opts.onRound?.(round, added);
  }
  return added;
}

/** The summary lines of measureAddedLatency: median (range) per variant. */
export function printAddedLatency<V extends string>(variants: readonly V[], added: Record<V, Added>): void {
  console.log("Latency added at 10 connections, upstream 20 ms — median (range) over rounds:");
  for (const v of variants) console.log(`  ${v.padEnd(4)} p50 ${medianRange(added[v].p50, 2)} ms   p99 ${medianRange(added[v].p99, 2)} ms   CPU/request ${medianRange(added[v].cpu, 0)} µs`);
}
