// Engine decision time: decide() on ~2,000-token prompts with a realistic snapshot (3 tiers,
// 10 rules incl. regexes, keywords and FAQ phrasings, the built-in heuristic classifier).
// Prints p50/p99 in microseconds and the heap allocated per decision; asserts nothing. Target p99 ≤ 200 µs.
//   npx tsx bench/engine.bench.ts [--iterations=20000] [--warmup=3000] [--stub]
// --stub replaces the heuristic classifier with a constant one, to see the engine's own share.
import { PerformanceObserver } from "node:perf_hooks";
import type { TierClassifier } from "../lib/classifier/types";
import { buildSnapshot } from "../lib/routing/build-snapshot";
import { configFileSchema } from "../lib/routing/config-schema";
import { decide } from "../lib/routing/decide";
import { estimatePromptTokens } from "../lib/routing/estimate-tokens";
import { isRejection, type EngineContext, type RouteRequest, type TraceStep } from "../lib/routing/types";
import { benchConversations, ENGINE_BENCH_CONFIG } from "../lib/routing/testing/engine-fixtures";

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const ITERATIONS = arg("iterations", 20_000);
const WARMUP = arg("warmup", 3_000);

const stub = (n: number): TierClassifier => ({ id: "stub", kind: "heuristic", tierCount: n, predict: () => Array.from({ length: n - 1 }, (_, k) => 0.6 / (k + 1)) });

async function heuristicFactory(): Promise<{ factory: (n: number) => TierClassifier; label: string }> {
  if (process.argv.includes("--stub")) return { factory: stub, label: "constant stub (--stub)" };
  try {
    const mod = await import("../lib/classifier/heuristic-scorer");
    return { factory: mod.createHeuristicClassifier, label: "built-in heuristic (lib/classifier)" };
  } catch {
    return { factory: stub, label: "constant stub (lib/classifier/heuristic-scorer not found)" };
  }
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function run(requests: RouteRequest[], ctx: EngineContext, iterations: number, snapshot: ReturnType<typeof buildSnapshot>): number[] {
  const micros = new Array<number>(iterations);
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    decide(snapshot, undefined, requests[i % requests.length], ctx);
    micros[i] = (performance.now() - t) * 1000;
  }
  return micros.sort((a, b) => a - b);
}

/**
 * KB allocated per decide(): heapUsed before and after batches of 50 decisions, keeping only the
 * batches no GC ran in (their garbage is all still counted), median of those.
 */
async function allocatedPerDecide(decideOne: (i: number) => void): Promise<number> {
  let gcs = 0;
  const observer = new PerformanceObserver((list) => (gcs += list.getEntries().length));
  observer.observe({ entryTypes: ["gc"] });
  const perBatch = 50;
  const clean: number[] = [];
  for (let batch = 0; batch < 400 && clean.length < 100; batch++) {
    const seen = gcs;
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < perBatch; i++) decideOne(batch * perBatch + i);
    const after = process.memoryUsage().heapUsed;
    await new Promise((resolve) => setImmediate(resolve)); // GC entries arrive asynchronously
    if (gcs === seen) clean.push((after - before) / perBatch / 1024);
  }
  observer.disconnect();
  return percentile(clean.sort((a, b) => a - b), 0.5);
}

function stageMedians(snapshot: ReturnType<typeof buildSnapshot>, requests: RouteRequest[], ctx: EngineContext): string {
  const byStage = new Map<string, number[]>();
  for (let i = 0; i < 2_000; i++) {
    const result = decide(snapshot, undefined, requests[i % requests.length], { ...ctx, clock: () => performance.now() });
    for (const step of result.trace as TraceStep[]) {
      if (!byStage.has(step.stage)) byStage.set(step.stage, []);
      byStage.get(step.stage)!.push(step.micros);
    }
  }
  return [...byStage].map(([stage, values]) => `${stage} ${percentile(values.sort((a, b) => a - b), 0.5).toFixed(1)}`).join(", ");
}

async function main() {
  const { factory, label } = await heuristicFactory();
  const file = configFileSchema.parse(ENGINE_BENCH_CONFIG);
  const snapshot = buildSnapshot({ ...file, heuristic: factory });
  // as the gateway sends them: with what the request needs from a tier (no tools, no images here)
  const requests: RouteRequest[] = benchConversations(16).map((messages) => ({ messages, needs: { tools: false, vision: false, jsonSchema: false, maxOutputTokens: null } }));
  let seed = 1;
  const ctx: EngineContext = { now: Date.now(), rng: () => ((seed = (seed * 16807) % 2147483647) / 2147483647), health: () => "healthy" };

  const sample = decide(snapshot, undefined, requests[0], ctx);
  if (isRejection(sample)) throw new Error(sample.reason);
  const chars = requests[0].messages.reduce((n, m) => n + m.content.length, 0);
  const { countMessageTokens } = await import("../lib/providers/count-tokens");
  const estimate = estimatePromptTokens(requests[0].messages.map((m) => m.content));
  const real = countMessageTokens(requests[0].messages.map((m) => m.content), "gpt-4o").tokens;
  console.log(`engine bench: ${file.tiers.length} tiers, ${file.policies[0].rules.length} rules, classifier: ${label}`);
  console.log(`prompt: ${chars} chars, estimate ${estimate.tokens} tokens (band ${estimate.lo}–${estimate.hi}; o200k_base counts ${real}); sample decision: ${sample.tier} via ${sample.stage} (${sample.reason})`);

  run(requests, ctx, WARMUP, snapshot);
  const sorted = run(requests, ctx, ITERATIONS, snapshot);
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  console.log(`decide() over ${ITERATIONS} iterations (after ${WARMUP} warm-up):`);
  console.log(`  p50 ${percentile(sorted, 0.5).toFixed(1)} µs   p90 ${percentile(sorted, 0.9).toFixed(1)} µs   p99 ${percentile(sorted, 0.99).toFixed(1)} µs   max ${sorted[sorted.length - 1].toFixed(1)} µs   mean ${mean.toFixed(1)} µs`);
  console.log(`  stage medians (µs, measured separately with a clock): ${stageMedians(snapshot, requests, ctx)}`);
  console.log(`  allocated per decision: ${(await allocatedPerDecide((i) => decide(snapshot, undefined, requests[i % requests.length], ctx))).toFixed(1)} KB`);
  console.log("  target: p99 ≤ 200 µs");

  // The same policy as the gateway runs it by default: two tiers and the shipped trained
  // classifier (hashed n-grams + content features) instead of the built-in heuristic.
  const { loadClassifier } = await import("../lib/classifier/load-classifier");
  const { readFileSync } = await import("node:fs");
  const trained = loadClassifier(JSON.parse(readFileSync(new URL("../lib/classifier/default-model.json", import.meta.url), "utf8")));
  const twoTier = configFileSchema.parse({ ...ENGINE_BENCH_CONFIG, policies: (ENGINE_BENCH_CONFIG.policies ?? []).map((p) => ({ ...p, tiers: ["fast", "capable"], rules: (p.rules ?? []).filter((r) => r.tier !== "balanced") })) });
  const trainedSnapshot = buildSnapshot({ ...twoTier, heuristic: factory, classifiers: { [twoTier.policies[0]!.name]: trained } });
  const check = decide(trainedSnapshot, undefined, requests[0], ctx);
  if (isRejection(check)) throw new Error(check.reason);
  run(requests, ctx, WARMUP, trainedSnapshot);
  const sortedTrained = run(requests, ctx, ITERATIONS, trainedSnapshot);
  console.log(`decide() with the shipped trained classifier (${trained.id}, 2 tiers, ${twoTier.policies[0]!.rules.length} rules):`);
  console.log(`  p50 ${percentile(sortedTrained, 0.5).toFixed(1)} µs   p90 ${percentile(sortedTrained, 0.9).toFixed(1)} µs   p99 ${percentile(sortedTrained, 0.99).toFixed(1)} µs   max ${sortedTrained[sortedTrained.length - 1].toFixed(1)} µs`);
  console.log(`  stage medians (µs): ${stageMedians(trainedSnapshot, requests, ctx)}`);
  console.log(`  allocated per decision: ${(await allocatedPerDecide((i) => decide(trainedSnapshot, undefined, requests[i % requests.length], ctx))).toFixed(1)} KB`);

  // Context windows near the prompt's size: a tier with an 8,000-token window, so 4 × the estimate
  // + the output asked for does not surely fit and the prompt is counted with the real tokenizer
  // (gpt-tokenizer, o200k_base / cl100k_base by model) — a fresh count per request, as the gateway does.
  const { countTokens } = await import("../lib/providers/count-tokens");
  const windowed = configFileSchema.parse({ ...ENGINE_BENCH_CONFIG, tiers: (ENGINE_BENCH_CONFIG.tiers ?? []).map((t, i) => (i === 0 ? { ...t, capabilities: { contextTokens: 8_000 } } : t)) });
  const windowedSnapshot = buildSnapshot({ ...windowed, heuristic: factory });
  const needs = { tools: false, vision: false, jsonSchema: false, maxOutputTokens: 500 };
  const counted = (request: RouteRequest): EngineContext => {
    const text = request.messages.map((m) => m.content).join("\n");
    const memo = new Map<string, { tokens: number; encoding: string }>();
    return { ...ctx, exactTokens: (tier) => memo.get(tier.model) ?? memo.set(tier.model, countTokens(text, tier.model)).get(tier.model)! };
  };
  const withNeeds = requests.map((r) => ({ ...r, needs }));
  const timeCounted = (n: number) => {
    const micros = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const request = withNeeds[i % withNeeds.length]!;
      const t = performance.now();
      decide(windowedSnapshot, undefined, request, counted(request));
      micros[i] = (performance.now() - t) * 1000;
    }
    return micros.sort((a, b) => a - b);
  };
  timeCounted(Math.min(WARMUP, 1000));
  const sortedCounted = timeCounted(Math.min(ITERATIONS, 5000));
  const countOnly = (() => {
    const text = withNeeds[0]!.messages.map((m) => m.content).join("\n");
    const t = performance.now();
    for (let i = 0; i < 200; i++) countTokens(text + i, "gpt-4o-mini");
    return ((performance.now() - t) * 1000) / 200;
  })();
  console.log(`decide() with a tier's 8,000-token window near the prompt (counted with the real tokenizer on every request):`);
  console.log(`  p50 ${percentile(sortedCounted, 0.5).toFixed(1)} µs   p90 ${percentile(sortedCounted, 0.9).toFixed(1)} µs   p99 ${percentile(sortedCounted, 0.99).toFixed(1)} µs   (the count alone: ${countOnly.toFixed(0)} µs; with 128k windows the estimate decides and nothing is counted)`);

  // Costs with real counts where they can change the choice (settle-prompt-tokens.ts): the
  // gateway's setup — ctx.exactTokens counting afresh (no memory between requests) — with the
  // shipped trained classifier, and with P(needs capable) drawn uniformly from [0, 1] (a stub
  // classifier), which puts far more requests near the threshold than real traffic does.
  const uniform = (n: number): TierClassifier => ({ id: "uniform", kind: "heuristic", tierCount: n, predict: () => Array.from({ length: n - 1 }, () => ctx.rng()) });
  const uniformSnapshot = buildSnapshot({ ...twoTier, heuristic: uniform });
  for (const [name, snap] of [["trained classifier", trainedSnapshot], ["uniform P(needs capable)", uniformSnapshot]] as const) {
    let countedDecisions = 0;
    const timeSettled = (n: number) => {
      const micros = new Array<number>(n);
      countedDecisions = 0;
      for (let i = 0; i < n; i++) {
        const request = requests[i % requests.length]!;
        const t = performance.now();
        const d = decide(snap, undefined, request, counted(request));
        micros[i] = (performance.now() - t) * 1000;
        if (!isRejection(d) && d.thresholds.promptTokensCounted) countedDecisions++;
      }
      return micros.sort((a, b) => a - b);
    };
    timeSettled(Math.min(WARMUP, 1000));
    const n = Math.min(ITERATIONS, 10_000);
    const sortedSettled = timeSettled(n);
    console.log(`decide() pricing with real counts where the estimate's band spans a threshold (${name}, 2 tiers): counted ${((100 * countedDecisions) / n).toFixed(1)}% of decisions`);
    console.log(`  p50 ${percentile(sortedSettled, 0.5).toFixed(1)} µs   p90 ${percentile(sortedSettled, 0.9).toFixed(1)} µs   p99 ${percentile(sortedSettled, 0.99).toFixed(1)} µs   max ${sortedSettled[sortedSettled.length - 1]!.toFixed(1)} µs`);
  }
}

await main();
