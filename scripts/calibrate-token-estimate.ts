/**
 * Fits the engine's token estimate (lib/routing/estimate-tokens.ts, TOKEN_WEIGHTS) to the real
 * counts of cl100k_base and o200k_base on the repository's routing prompts, and prints how well
 * the estimate and its band hold on prompts it was not fitted on:
 *   node --import tsx scripts/calibrate-token-estimate.ts
 * Fitted on data/routing/dcrouter-train.jsonl, the even rows of routeprofile.jsonl and windows of the
 * repository's own code and config (half its files: what agents send in tool results); checked on
 * dcrouter-test.jsonl, the odd rows of routeprofile.jsonl, ~2,000-token prompts joined from them and
 * windows of the other half of the files.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { countTokens } from "../lib/providers/count-tokens";
import { countText, estimateFullPromptTokens, estimatePromptTokens, estimateTokens, MESSAGE_OVERHEAD_TOKENS, TOKEN_WEIGHTS, type TextCounts } from "../lib/routing/estimate-tokens";

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

const ROOT = fileURLToPath(new URL("..", import.meta.url));

function sourceFiles(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== "generated" && name !== "node_modules") sourceFiles(path, out);
    } else if (/\.(ts|tsx|json|md|prisma|yml|sql)$/.test(name) && !name.startsWith("default-model")) out.push(path);
  }
  return out;
}

/**
 * Windows of 1,000–5,500 characters from the repository's own TypeScript, JSON, SQL, Markdown and
 * YAML (code, indentation, punctuation: what tool results and pasted files look like), every other
 * one re-indented with four spaces a level; `half` 0 reads
 * the even files (fitted on), 1 the odd ones (checked on).
 */
export function codeSamples(half: 0 | 1): string[] {
  const files = ["lib", "components", "app", "e2e", "bench", "scripts", "ops", "prisma"]
    .flatMap((dir) => sourceFiles(join(ROOT, dir), []))
    .filter((file) => {
      const size = statSync(file).size;
      return size > 1_500 && size < 300_000;
    })
    .filter((_, i) => i % 2 === half);
  const out: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    for (let start = 0, k = 0; start + 1_000 <= text.length; start += 6_000, k++) {
      const window = text.slice(start, start + 1_000 + (k % 4) * 1_500);
      // every other window indented by four spaces a level (Python, most JavaScript) instead of two
      out.push(k % 2 === 0 ? window : window.replace(/^(?: {2})+/gm, (indent) => indent + indent));
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
  const rows = [...train, ...codeSamples(0)].map((text) => {
    const counts = realCounts(text).map((c) => c - MESSAGE_OVERHEAD_TOKENS);
    return { n: countText(text), y: (counts[0]! + counts[1]!) / 2 };
  });
  console.log("fitted weights (paste into TOKEN_WEIGHTS):", JSON.stringify(fit(rows)));
  console.log("in use:", JSON.stringify(TOKEN_WEIGHTS));
  for (const [name, set] of [["held-out prompts", held], ["~500-token prompts", joinedPrompts(held, 500)], ["~2,000-token prompts", joinedPrompts(held, 2_000)], ["code and config, held out", codeSamples(1)], ["~2,000-token code and config", joinedPrompts(codeSamples(1), 2_000)], ["~8,000-token prompts", joinedPrompts(held, 8_000)]] as const) {
    const rel: number[] = [], quarter: number[] = [];
    let inBand = 0, total = 0, width = 0, sampled = 0, fullInBand = 0, fullWidth = 0;
    for (const text of set) {
      const e = estimatePromptTokens([text]);
      const full = estimateFullPromptTokens([text]);
      if (e.sampled) sampled++;
      for (const real of realCounts(text)) {
        total++;
        if (real >= e.lo && real <= e.hi) inBand++;
        if (real >= full.lo && real <= full.hi) fullInBand++;
        rel.push((e.tokens - real) / real);
        quarter.push((estimateTokens(text.length) + MESSAGE_OVERHEAD_TOKENS - real) / real);
        width += (e.hi - e.lo) / real;
        fullWidth += (full.hi - full.lo) / real;
      }
    }
    rel.sort((a, b) => a - b);
    quarter.sort((a, b) => a - b);
    console.log(`${name} (${set.length}): estimate − real, relative: p0.1 ${quantile(rel, 0.001)} p1 ${quantile(rel, 0.01)} p50 ${quantile(rel, 0.5)} p99 ${quantile(rel, 0.99)} p99.9 ${quantile(rel, 0.999)}`);
    console.log(`  characters/4 for comparison:          p0.1 ${quantile(quarter, 0.001)} p1 ${quantile(quarter, 0.01)} p50 ${quantile(quarter, 0.5)} p99 ${quantile(quarter, 0.99)} p99.9 ${quantile(quarter, 0.999)}`);
    console.log(`  real count inside [lo, hi]: ${((100 * inBand) / total).toFixed(2)}%; mean band width ${((100 * width) / total).toFixed(1)}% of the real count`);
    if (sampled > 0) console.log(`  ${sampled} of ${set.length} estimated from a sample; the full pass: inside ${((100 * fullInBand) / total).toFixed(2)}%, width ${((100 * fullWidth) / total).toFixed(1)}%`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
