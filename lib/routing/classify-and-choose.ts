/**
 * The classifier path of decide(): score the request, take the speculative shortcut when
 * P(needs the top tier) is high enough, else pick the tier with the lowest expected loss
 * (choose-tier.ts); if that tier's breaker is open, pick the best available one instead.
 * A failing classifier means the router is unsure: the policy's default tier is used.
 */
import { chooseTier, notEnoughProbabilities, type Choice } from "./choose-tier";
import { finishDecision, type DecisionEnv } from "./finish-decision";
import { policyDefaultTier } from "./plan-fallback";
import { checkSpeculative, topUsableIndex } from "./check-speculative";
import { explore } from "./explore";
import { isAvailable } from "./policy-tiers";
import { scoreRequest } from "./score-request";
import { settlePromptTokens } from "./settle-prompt-tokens";
import { formatP, formatUsd } from "./trace";
import type { Decision, Scores } from "./types";

export function classifyAndChoose(env: DecisionEnv): Decision {
  const { policy, resolved, trace, ctx } = env;
  let since = trace.mark();
  const scored = scoreRequest(env.snapshot, policy.name, resolved.length, env.text.messages);
  for (const note of scored.notes) trace.add("classifier", "info", note);
  if (!scored.ok) {
    trace.add("classifier", "error", scored.error, since);
    const tier = policyDefaultTier(env.usable, policy.fallback, ctx.health) as string;
    return finishDecision(env, { tier, stage: "fallback", reason: `${scored.error}: policy default (${policy.fallback}) → ${tier}.`, canClimb: true });
  }
  const { p, classifier } = scored;
  trace.add("classifier", "hit", `${classifier.kind} ${classifier.id}: p = [${p.map(formatP).join(", ")}]`, since);

  since = trace.mark();
  const q = notEnoughProbabilities(p, resolved.length);
  const speculative = checkSpeculative(policy, resolved, p, ctx.health);
  if (!speculative.skip) settlePromptTokens(env, q); // a speculative skip prices nothing
  const { costs, lambda } = env.economics();
  const choice = chooseTier(q, costs, lambda);
  const scores: Scores = { classifier: { id: classifier.id, kind: classifier.kind }, p, costUsd: costs, expectedLossUsd: choice.losses };
  if (speculative.skip) {
    const { tier, pTop } = speculative;
    trace.add("speculative", "hit", `P(needs ${tier}) = ${formatP(pTop)} ≥ ${policy.speculative.threshold}`, since);
    const reason = `P(needs ${tier}) = ${formatP(pTop)} ≥ speculative threshold ${policy.speculative.threshold}: lower tiers skipped → ${tier}.`;
    return finishDecision(env, { tier, stage: "speculative", reason, scores, uncertainty: choice.uncertainty, canClimb: false });
  }
  if (policy.speculative.enabled) trace.add("speculative", "miss", speculative.why);
  return pickByLoss(env, q, choice, scores, since);
}

/** The expected-loss pick, moved to the best available tier when its breaker is open. */
function pickByLoss(env: DecisionEnv, q: number[], choice: Choice, scores: Scores, since: number): Decision {
  const { resolved, trace, ctx } = env;
  const picked = resolved[choice.index]!.name;
  let reason = explain(env, q, choice.index, choice.runnerUp, choice.losses);
  trace.add("choose", "hit", reason, since);
  let index = choice.index;
  if (!isAvailable(ctx.health(picked))) {
    const healthSince = trace.mark();
    const { costs, lambda } = env.economics();
    const alt = chooseTier(q, costs, lambda, (k) => isAvailable(ctx.health(resolved[k]!.name)));
    if (alt.index >= 0) {
      index = alt.index;
      reason = `${reason.slice(0, -1)}, but ${picked} is unhealthy (circuit open): fallback to ${resolved[index]!.name}, the best available.`;
      trace.add("health", "hit", `${picked} unhealthy → ${resolved[index]!.name}`, healthSince);
    } else trace.add("health", "info", `${picked} is unhealthy and so is every other tier: keeping it`, healthSince);
  }
  if (index !== choice.index) {
    return finishDecision(env, { tier: resolved[index]!.name, stage: "fallback", reason, scores, uncertainty: choice.uncertainty, decidingProbability: index === topUsableIndex(resolved) ? null : q[index], canClimb: true });
  }
  const exploreSince = trace.mark();
  const x = explore(env.policy, resolved, index, choice.uncertainty, ctx.health, ctx.rng);
  if (env.policy.explore.enabled) trace.add("explore", x.explored ? "hit" : "miss", exploreDetail(env, index, x), exploreSince);
  if (x.explored) {
    const tier = resolved[x.index]!.name;
    const explored = `${reason.slice(0, -1)}; explored: sent to ${tier} instead (p ${formatP(x.propensities[x.index]!)}), to learn what it would have done.`;
    return finishDecision(env, { tier, stage: "explore", reason: explored, scores, uncertainty: choice.uncertainty, decidingProbability: null, canClimb: true, propensities: x.propensities, explored: true });
  }
  return finishDecision(env, {
    tier: resolved[index]!.name,
    stage: "classifier",
    reason,
    scores,
    uncertainty: choice.uncertainty,
    decidingProbability: index === topUsableIndex(resolved) ? null : q[index],
    canClimb: true,
    propensities: x.propensities,
  });
}

function exploreDetail(env: DecisionEnv, index: number, x: ReturnType<typeof explore>): string {
  const { explore: settings } = env.policy;
  const spread = x.propensities.flatMap((p, k) => (p > 0 ? [`${env.resolved[k]!.name} ${formatP(p)}`] : [])).join(", ");
  if (x.propensities[index] === 1) return `not eligible (uncertainty below ${settings.uncertainAbove} or no adjacent tier)`;
  return `${x.explored ? `explored → ${env.resolved[x.index]!.name}` : "kept the policy's choice"} (propensities ${spread})`;
}

/** One sentence: the threshold form for two tiers, the expected-loss form otherwise. */
function explain(env: DecisionEnv, q: number[], index: number, runnerUp: number | null, losses: Array<number | null>): string {
  const { resolved } = env;
  const tier = resolved[index]!.name;
  const bias = env.prepared.atBias;
  if (runnerUp === null) return `Only ${tier} is usable → ${tier}.`;
  const other = resolved[runnerUp]!.name;
  const vs = `expected loss ${formatUsd(losses[index] as number)} vs ${formatUsd(losses[runnerUp] as number)} on ${other}`;
  if (env.usable.length === 2) {
    const [low, high] = [Math.min(index, runnerUp), Math.max(index, runnerUp)];
    const { costs, lambda } = env.economics();
    const threshold = ((costs[high] as number) - (costs[low] as number)) / lambda;
    const pNeed = q[low] - q[high];
    const cmp = pNeed >= threshold ? "≥" : "<";
    return `P(needs ${resolved[high]!.name}) = ${formatP(pNeed)} ${cmp} threshold ${formatP(threshold)} ${bias} → ${tier} (${vs}).`;
  }
  let needs = "";
  for (let k = 1; k < resolved.length; k++) {
    const t = resolved[k];
    if (t) needs += `${needs ? ", " : ""}P(needs ≥ ${t.name}) = ${formatP(q[k - 1]!)}`;
  }
  return `${tier} has the lowest expected loss ${bias} (${vs}); ${needs}.`;
}
