// Fixtures for bench/classifier.bench.ts: outcome rows from the repo's data/ mapped to two
// tiers ("fast", "capable"), duplicated with a suffix up to the wanted count, and ~2,000-token
// prompts built from real prompts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseOutcomes, type OutcomeRow } from "../lib/classifier/parse-outcomes";

const DATA = path.join(import.meta.dirname, "..", "data", "routing");

const PAIRS: Array<[string, string, string]> = [
  ["dcrouter-train.jsonl", "gemma-2-9b-it", "llama-3.3-nemotron-super-49b-v1"],
  ["dcrouter-test.jsonl", "gemma-2-9b-it", "llama-3.3-nemotron-super-49b-v1"],
  ["routeprofile.jsonl", "llama-3.2-3b-instruct", "llama-3.3-70b-instruct"],
];

export function twoTierRows(count: number): OutcomeRow[] {
  const base: OutcomeRow[] = [];
  for (const [file, fast, capable] of PAIRS) {
    for (const r of parseOutcomes(readFileSync(path.join(DATA, file), "utf8")).rows) {
      base.push({ ...r, outcomes: { fast: r.outcomes[fast], capable: r.outcomes[capable] } });
    }
  }
  const out: OutcomeRow[] = [];
  for (let i = 0; out.length < count; i++) {
    const r = base[i % base.length];
    const copy = Math.floor(i / base.length);
    if (copy === 0) out.push(r);
    else {
      const content = `${r.input.messages[r.input.messages.length - 1].content}\n(variant ${copy})`;
      out.push({ ...r, id: `${r.id}-v${copy}`, input: { messages: [{ role: "user", content }] } });
    }
  }
  return out;
}

/** Prompts of about `tokens` tokens (4 characters each) made of consecutive real prompts. */
export function longPrompts(rows: readonly OutcomeRow[], tokens: number, count: number): string[] {
  const prompts: string[] = [];
  let i = 0;
  while (prompts.length < count) {
    let text = "";
    while (text.length < tokens * 4) text += rows[i++ % rows.length].input.messages[0].content + "\n\n";
    prompts.push(text.slice(0, tokens * 4));
  }
  return prompts;
}

export function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
