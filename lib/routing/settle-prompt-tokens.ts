/**
 * Real token counts where they can change the choice. The expected-loss pick compares
 * c_k(T) + λ·q_k across tiers, each cost linear in the prompt's tokens T; the tier that wins at
 * both ends of the estimate's band [lo, hi] (estimate-tokens.ts) wins everywhere between (the set
 * of T where one line of a lower envelope is lowest is an interval). So when the estimate's band
 * gives one answer the estimate decides; when a long prompt's band from a sample spans a threshold
 * the full pass over the text narrows it first; when the band still spans one the prompt is counted
 * with each tier's real tokenizer (ctx.exactTokens, given by the gateway: ~0.5 ms per 2,000
 * tokens) and the request is priced with those counts. The trace says which.
 */
import { decisionCosts } from "./bias-to-lambda";
import { lowestLossIndex } from "./choose-tier";
import type { DecisionEnv } from "./finish-decision";

export function settlePromptTokens(env: DecisionEnv, q: number[]): void {
  const { resolved, trace, ctx } = env;
  let { estimate } = env.text;
  if (!ctx.exactTokens || estimate.lo === estimate.hi || env.usable.length < 2) return;
  const since = trace.mark();
  let decisive = pickAt(env, q, estimate.lo) === pickAt(env, q, estimate.hi);
  if (!decisive && estimate.sampled) {
    // a long prompt's estimate came from a sample: the full pass narrows the band before anything is counted
    estimate = env.refineEstimate();
    decisive = pickAt(env, q, estimate.lo) === pickAt(env, q, estimate.hi);
  }
  if (decisive) {
    const how = estimate.sampled ? "estimate from a sample" : "estimate";
    trace.add("choose", "info", `prompt ~${estimate.tokens} tokens (${how}): any real count in ${estimate.lo}–${estimate.hi} gives the same choice`, since);
    return;
  }
  const encodings = new Set<string>();
  const counts = resolved.map((tier) => {
    if (!tier) return null;
    const counted = ctx.exactTokens!(tier);
    if (!counted) return estimate.tokens;
    encodings.add(counted.encoding);
    return counted.tokens;
  });
  if (encodings.size === 0) return;
  env.countPrompt(counts, [...encodings].join(", "));
  const shown = [...new Set(counts.filter((c): c is number => c !== null))].join(" / ");
  trace.add("choose", "info", `prompt counted: ${shown} tokens (${[...encodings].join(", ")}); the estimate's band ${estimate.lo}–${estimate.hi} spans a threshold`, since);
}

/** The expected-loss pick were the prompt `tokens` long. */
function pickAt(env: DecisionEnv, q: readonly number[], tokens: number): number {
  return lowestLossIndex(q, decisionCosts(env.policy, env.resolved, tokens).costs, env.lambda);
}
