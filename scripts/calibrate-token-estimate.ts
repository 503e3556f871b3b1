/**
 * Fits the engine's token estimate (lib/routing/estimate-tokens.ts, TOKEN_WEIGHTS) to the real
 * counts of cl100k_base and o200k_base on the repository's routing prompts, and prints how well
 * the estimate and its band hold on prompts it was not fitted on:
 *   node --import tsx scripts/calibrate-token-estimate.ts
 * Fitted on data/routing/dcrouter-train.jsonl and the even rows of routeprofile.jsonl; checked on
 * dcrouter-test.jsonl, the odd rows of routeprofile.jsonl and ~2,000-token prompts joined from them.
 */
import { readFileSync } from "node:fs";
import { countTokens } from "../lib/providers/count-tokens";
import { countText, estimatePromptTokens, estimateTokens, MESSAGE_OVERHEAD_TOKENS, TOKEN_WEIGHTS, type TextCounts } from "../lib/routing/estimate-tokens";

type Keys = keyof typeof TOKEN_WEIGHTS;
const KEYS = Object.keys(TOKEN_WEIGHTS) as Keys[];

export function routingPrompts(file: string): string[] {
  return readFileSync(new URL(`../data/routing/${file}`, import.meta.url), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const row = JSON.parse(line) as { prompt?: string; messages?: Array<{ content: string }> };
      return row.prompt ?? (row.messages ?? []).map((m) => m.content).join("\n");
    });
}

/** Prompts of ~`tokens` tokens, each joined from consecutive prompts. */
export function joinedPrompts(prompts: string[], tokens: number): string[] {
  const out: string[] = [];
  let current = "";
  for (const p of prompts) {
    current += (current ? "\n\n" : "") + p;
    if (estimateTokens(current.length) >= tokens) {
      out.push(current);
      current = "";
    }
  }
  return out;
}

/** Both encodings' real count of a one-message prompt (with the chat format's overhead). */
export function realCounts(text: string): number[] {
  return [countTokens(text, "gpt-4").tokens, countTokens(text, "gpt-4o").tokens].map((t) => t + MESSAGE_OVERHEAD_TOKENS);
}

function fit(rows: Array<{ n: TextCounts; y: number }>): Record<Keys, number> {
  const k = KEYS.length;
  const a = Array.from({ length: k }, () => new Array<number>(k + 1).fill(0));
  for (const { n, y } of rows) {
    const x = KEYS.map((key) => n[key]);
    const w = 1 / Math.max(1, y); // relative error
    for (let i = 0; i < k; i++) {
      a[i]![k]! += w * x[i]! * y;
      for (let j = 0; j < k; j++) a[i]![j]! += w * x[i]! * x[j]!;
    }
  }
  for (let i = 0; i < k; i++) a[i]![i]! += 1e-6;
  for (let i = 0; i < k; i++) {
    let p = i;
    for (let r = i + 1; r < k; r++) if (Math.abs(a[r]![i]!) > Math.abs(a[p]![i]!)) p = r;
    [a[i], a[p]] = [a[p]!, a[i]!];
    for (let r = 0; r < k; r++) {
      if (r === i) continue;
      const f = a[r]![i]! / a[i]![i]!;
      for (let c = i; c <= k; c++) a[r]![c]! -= f * a[i]![c]!;
    }
  }
  return Object.fromEntries(KEYS.map((key, i) => [key, Number((a[i]![k]! / a[i]![i]!).toPrecision(3))])) as Record<Keys, number>;
}

function quantile(sorted: number[], q: number): string {
  return sorted[Math.floor(q * (sorted.length - 1))]!.toFixed(3);
}

async function main() {
  const routeprofile = routingPrompts("routeprofile.jsonl");
  const train = [...routingPrompts("dcrouter-train.jsonl"), ...routeprofile.filter((_, i) => i % 2 === 0)];
  const held = [...routingPrompts("dcrouter-test.jsonl"), ...routeprofile.filter((_, i) => i % 2 === 1)];
  const rows = train.map((text) => {
    const counts = realCounts(text).map((c) => c - MESSAGE_OVERHEAD_TOKENS);
    return { n: countText(text), y: (counts[0]! + counts[1]!) / 2 };
  });
  console.log("fitted weights (paste into TOKEN_WEIGHTS):", JSON.stringify(fit(rows)));
  console.log("in use:", JSON.stringify(TOKEN_WEIGHTS));
  for (const [name, set] of [["held-out prompts", held], ["~500-token prompts", joinedPrompts(held, 500)], ["~2,000-token prompts", joinedPrompts(held, 2_000)]] as const) {
    const rel: number[] = [], quarter: number[] = [];
    let inBand = 0, total = 0, width = 0;
    for (const text of set) {
      const e = estimatePromptTokens([text]);
      for (const real of realCounts(text)) {
        total++;
        if (real >= e.lo && real <= e.hi) inBand++;
        rel.push((e.tokens - real) / real);
        quarter.push((estimateTokens(text.length) + MESSAGE_OVERHEAD_TOKENS - real) / real);
        width += (e.hi - e.lo) / real;
      }
    }
    rel.sort((a, b) => a - b);
    quarter.sort((a, b) => a - b);
    console.log(`${name} (${set.length}): estimate − real, relative: p0.1 ${quantile(rel, 0.001)} p1 ${quantile(rel, 0.01)} p50 ${quantile(rel, 0.5)} p99 ${quantile(rel, 0.99)} p99.9 ${quantile(rel, 0.999)}`);
    console.log(`  characters/4 for comparison:          p0.1 ${quantile(quarter, 0.001)} p1 ${quantile(quarter, 0.01)} p50 ${quantile(quarter, 0.5)} p99 ${quantile(quarter, 0.99)} p99.9 ${quantile(quarter, 0.999)}`);
    console.log(`  real count inside [lo, hi]: ${((100 * inBand) / total).toFixed(2)}%; mean band width ${((100 * width) / total).toFixed(1)}% of the real count`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
