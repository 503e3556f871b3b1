/**
 * The engine's entry point. Stages, first decisive one wins:
 *   budget (reject or downgrade) → bypass (model named a tier) → rules → session pin →
 *   intent (optional: a mapped intent names a tier; out of scope marks the decision uncertain) →
 *   classifier (speculative skip, else the expected-loss rule) → health (an open breaker moves
 *   the pick to the best available tier).
 * Before any stage, tiers that cannot serve the request (tools, images, json_schema output,
 * context and output size: check-capabilities.ts) are left out as if disabled.
 * Pure: clock, randomness, health, pin and budget all come in through `ctx`.
 */
import { lambdaForBias } from "./bias-to-lambda";
import { checkBudget } from "./check-budget";
import { leaveOutIncapable, missingCapability, promptSize } from "./check-capabilities";
import { classifyAndChoose } from "./classify-and-choose";
import { createEnv, finishDecision, reject, type DecisionEnv } from "./finish-decision";
import { matchIntent } from "./match-intent";
import { matchRules } from "./match-rules";
import { cheapestTier, fallbackChain, policyDefaultTier } from "./plan-fallback";
import { usableTierNames } from "./policy-tiers";
import { preparePolicy } from "./prepared-policy";
import { readRequestText, type RequestText } from "./request-text";
import { resolvePin } from "./resolve-pin";
import type { TierConfig } from "./config-schema";
import { createTrace, formatP, type Trace } from "./trace";
import type { ConfigSnapshot, Decision, EngineContext, Rejection, RouteRequest } from "./types";

export function decide(snapshot: ConfigSnapshot, policyName: string | undefined, request: RouteRequest, ctx: EngineContext): Decision | Rejection {
  const trace = createTrace(ctx.clock);
  const name = policyName ?? snapshot.defaultPolicy;
  const policy = snapshot.policies.get(name);
  if (!policy) return reject("unknown-policy", `Unknown policy "${name}".`, name, trace);
  const text = readRequestText(request.messages);
  const prepared = preparePolicy(policy, snapshot.tiers);
  const { resolved, incapable, noCapable } = capableTiers(prepared.resolved, request, text, trace, name, ctx.exactTokens);
  const all = resolved === prepared.resolved; // no tier left out: the prepared names and λ hold
  const usable = all ? prepared.usable : usableTierNames(resolved);
  const lambda = all ? prepared.lambda : lambdaForBias(policy, resolved, policy.bias);
  const env = createEnv({ snapshot, policy, prepared, resolved, usable, lambda, incapable, text, ctx, trace });

  let since = trace.mark();
  const budget = checkBudget(ctx.budget);
  trace.add("budget", budget.action === "ok" ? "miss" : "hit", budget.action === "ok" ? "within budget" : budget.reason, since);
  if (budget.action === "reject") return reject("budget", budget.reason, name, trace);
  if (budget.action === "downgrade") {
    const tier = cheapestTier(env.usable, ctx.health);
    if (tier === null) return noCapable ? reject("no-capable-tier", noCapable, name, trace) : reject("no-tier", noTier(name), name, trace);
    return finishDecision(env, { tier, stage: "budget", reason: `${budget.reason}: ${tier}.`, canClimb: false });
  }
  if (request.explicitTier !== undefined) return bypass(env, request.explicitTier, request.needs);
  if (noCapable) return reject("no-capable-tier", noCapable, name, trace);
  if (env.usable.length === 0) return reject("no-tier", noTier(name), name, trace);

  since = trace.mark();
  const notes: string[] = [];
  const hit = matchRules(snapshot.compiled.get(name) ?? { rules: [], regex: null, regexInputChars: 0 }, { category: request.category, text: env.text }, (t) => env.usable.includes(t), notes);
  for (const note of notes) trace.add("rules", "skip", note);
  trace.add("rules", hit ? "hit" : "miss", hit ? `rule "${hit.rule.name}" matched ${hit.because}` : "no rule matched", since);
  if (hit) return chooseHealthy(env, hit.rule.tier, "rule", `Rule "${hit.rule.name}" matched ${hit.because} → ${hit.rule.tier}.`, hit.rule.name);

  since = trace.mark();
  const pin = resolvePin(ctx.pinnedTier, env.usable, ctx.health);
  trace.add("pinned", pin.use ? "hit" : pin.note ? "skip" : "miss", pin.use ? `session pinned to ${pin.tier}` : pin.note ?? "no session pin", since);
  if (pin.use) return finishDecision(env, { tier: pin.tier, stage: "pinned", reason: `Session pinned to ${pin.tier}.`, canClimb: true });

  return runIntentStage(env) ?? classifyAndChoose(env);
}

function noTier(policy: string): string {
  return `Policy "${policy}" has no enabled tier.`;
}

/**
 * The policy's tiers with those that cannot serve the request left out (traced, except for a
 * bypass, which checks its own tier), and the rejection reason when none is left.
 */
const NONE: ReadonlySet<string> = new Set();

function capableTiers(enabled: ReadonlyArray<TierConfig | null>, request: RouteRequest, text: RequestText, trace: Trace, policy: string, exact: EngineContext["exactTokens"]) {
  if (!request.needs) return { resolved: enabled, incapable: NONE, noCapable: null };
  const since = trace.mark();
  const { resolved, leftOut } = leaveOutIncapable(enabled, request.needs, sizeOf(text), exact);
  const listed = leftOut.length ? leftOut.map((l) => `${l.tier} (${l.why})`).join(", ") : "";
  if (request.explicitTier === undefined) {
    trace.add("capabilities", leftOut.length ? "hit" : "miss", leftOut.length ? `left out ${listed}` : "every enabled tier can serve the request", since);
  }
  if (leftOut.length === 0) return { resolved, incapable: NONE, noCapable: null };
  const noCapable = resolved.every((t) => t === null) ? `No tier of policy "${policy}" can serve this request: ${listed}.` : null;
  return { resolved, incapable: new Set(leftOut.map((l) => l.tier)), noCapable };
}

/** The prompt's size for the capability check; the estimate is read only when a window is near. */
function sizeOf(text: RequestText) {
  return promptSize(text.messages, () => text.promptTokens, text.totalChars);
}

/**
 * The intent stage: a decision for a mapped intent or an out-of-scope request in
 * "fallback-mode", else null (the classifier decides; env.intent carries the prediction, and
 * an out-of-scope one makes that decision uncertain).
 */
function runIntentStage(env: DecisionEnv): Decision | null {
  const { policy, snapshot, trace, ctx } = env;
  if (!policy.intent.enabled) return null;
  const since = trace.mark();
  if (!snapshot.intentModel) {
    trace.add("intent", "skip", "no intent model loaded", since);
    return null;
  }
  const prediction = snapshot.intentModel.predict(env.text.latestUser);
  env.intent = prediction;
  const verdict = matchIntent(policy.intent, prediction, env.usable);
  trace.add("intent", verdict.kind === "mapped" ? "hit" : verdict.kind === "miss" ? "miss" : "info", verdict.detail, since);
  if (verdict.kind === "mapped") return chooseHealthy(env, verdict.tier, "intent", verdict.reason);
  if (verdict.kind === "miss" || policy.intent.outOfScope === "classifier") return null;
  const tier = policyDefaultTier(env.usable, policy.fallback, ctx.health) as string;
  const reason = `Out of scope for the intent model (best guess "${prediction.intent}", p ${formatP(prediction.p)}): policy fallback (${policy.fallback}) → ${tier}.`;
  return finishDecision(env, { tier, stage: "intent", reason, canClimb: true });
}

function bypass(env: DecisionEnv, tierName: string, needs: RouteRequest["needs"]): Decision | Rejection {
  const since = env.trace.mark();
  const tier = env.snapshot.tiers.get(tierName);
  if (!tier || !tier.enabled) {
    env.trace.add("bypass", "error", `tier "${tierName}" ${tier ? "is disabled" : "does not exist"}`, since);
    return reject("unknown-tier", `Model "${tierName}" is not an enabled tier.`, env.policy.name, env.trace);
  }
  const missing = needs ? missingCapability(tier.capabilities, needs, sizeOf(env.text), env.ctx.exactTokens && (() => env.ctx.exactTokens!(tier))) : null;
  if (missing) {
    env.trace.add("bypass", "error", `tier ${tierName} cannot serve the request: ${missing}`, since);
    return reject("no-capable-tier", `Tier "${tierName}" cannot serve this request: ${missing}.`, env.policy.name, env.trace);
  }
  env.trace.add("bypass", "hit", `model names tier ${tierName}`, since);
  const reason = `Model "${tierName}" names a tier: routing bypassed.`;
  return finishDecision(env, { tier: tierName, stage: "bypass", reason, canClimb: false, noFallbacks: true });
}

/** A rule's (or intent's) tier with an open breaker gives way to the first available tier of its fallback chain. */
function chooseHealthy(env: DecisionEnv, tier: string, stage: "rule" | "intent", reason: string, rule?: string): Decision {
  if (env.ctx.health(tier) !== "unhealthy") return finishDecision(env, { tier, stage, reason, rule, canClimb: true });
  const since = env.trace.mark();
  const alternative = fallbackChain(env.usable, tier, env.ctx.health).find((t) => env.ctx.health(t) !== "unhealthy");
  if (!alternative) {
    env.trace.add("health", "info", `${tier} is unhealthy and so is every other tier: keeping it`, since);
    return finishDecision(env, { tier, stage, reason, rule, canClimb: true });
  }
  env.trace.add("health", "hit", `${tier} unhealthy (circuit open) → ${alternative}`, since);
  const moved = `${reason.slice(0, -1)}, but ${tier} is unhealthy (circuit open): fallback to ${alternative}.`;
  return finishDecision(env, { tier: alternative, stage: "fallback", reason: moved, rule, canClimb: true });
}
