/**
 * Small synthetic outcome datasets with a known answer, for tests: "easy" prompts are solved
 * by every tier, "medium" ones need tier 1+, "hard" ones need the top tier (with a little
 * seeded label noise). Pure; seeded.
 */
import type { OutcomeRow } from "../parse-outcomes";
import { createRng } from "../seeded-random";

const TOPICS = ["paris", "tokyo", "lima", "oslo", "cairo", "delhi", "quito", "rome", "bern", "kyiv", "lagos", "seoul"];

const TEMPLATES = {
  easy: (t: string, i: number) => `What is the capital city near ${t}? Quick answer please (#${i}).`,
  medium: (t: string, i: number) => `Explain how the economy of ${t} works and compare it with its neighbours in detail (#${i}).`,
  hard: (t: string, i: number) => `Prove step by step that the ${t} graph coloring algorithm is optimal, derive its complexity and debug this code: for (i = 0; i < n; i++) { x[i] = f(x[i-1]); } (#${i})`,
} as const;

export type Difficulty = keyof typeof TEMPLATES;

export function syntheticOutcomes(count: number, tiers: readonly string[], seed = 1, noise = 0.05): OutcomeRow[] {
  const rng = createRng(seed);
  const kinds: Difficulty[] = tiers.length > 2 ? ["easy", "medium", "hard"] : ["easy", "hard"];
  const rows: OutcomeRow[] = [];
  for (let i = 0; i < count; i++) {
    const kind = kinds[i % kinds.length];
    const needs = kind === "easy" ? 0 : kind === "medium" ? 1 : tiers.length - 1;
    const outcomes: OutcomeRow["outcomes"] = {};
    tiers.forEach((t, k) => {
      const ok = k >= needs ? rng() > noise : rng() < noise;
      outcomes[t] = { score: ok ? 1 : 0, cost_usd: 0.001 * (k + 1) ** 2 };
    });
    const prompt = TEMPLATES[kind](TOPICS[Math.floor(rng() * TOPICS.length)], i);
    rows.push({ id: `syn-${i}`, line: i + 1, input: { messages: [{ role: "user", content: prompt }] }, outcomes, tags: { task: kind } });
  }
  return rows;
}

/** The same rows as outcomes JSONL text. */
export function toJsonl(rows: readonly OutcomeRow[]): string {
  return rows.map((r) => JSON.stringify({ id: r.id, prompt: r.input.messages[0].content, outcomes: r.outcomes, tags: r.tags })).join("\n") + "\n";
}
