/**
 * One logged request under a candidate: decide() with the candidate's snapshot, then the same
 * execution machine as the gateway on a virtual clock (run-virtual), with outcomes from the log
 * where the request reached that tier, else estimated: the logged tokens at the tier's prices,
 * the tier's median latency, and for confidence the classifier's P(tier enough). No upstream
 * is called. Pure but for the virtual run's promises.
 */
import type { TierClassifier } from "../../classifier/types";
import { notEnoughProbabilities } from "../../routing/choose-tier";
import { decide } from "../../routing/decide";
import { totalCost } from "../../routing/execution/attempt-record";
import { planExecution } from "../../routing/execution/plan-execution";
import { runVirtual, type VirtualOutcome } from "../../routing/execution/run-virtual";
import { scoreRequest } from "../../routing/score-request";
import { isRejection, type ChatTurn, type ConfigSnapshot } from "../../routing/types";
import { parseTranscript } from "../../routing/transcript";
import { labelReward, shadowReward, type LoggedRequest } from "./logged-request";

export type ReplayContext = {
  /** The candidate's snapshot. */
  snapshot: ConfigSnapshot;
  policy: string;
  /** Median latency of a tier (ms), for calls the log has no record of. */
  latencyMs: (tier: string) => number;
  rng: () => number;
  /** The logged traffic's random-sample labeling rate (labels ÷ requests). */
  labelRate: number;
  /** The share of logged requests with a graded shadow pair. */
  shadowRate?: number;
  /** The candidate scores requests with another classifier than the logged one (recorded scores cannot stand in). */
  classifierChanged: boolean;
  /** Per tier: how often an answer the confidence check let through is adequate (from labels). */
  confidentAdequacy: (tier: string) => number;
  /** Judge quality on this policy's tiers instead of the candidate's (comparing tier sets). */
  reference?: { snapshot: ConfigSnapshot; policy: string; tiers: readonly string[] };
};

export type Replayed =
  | { replayable: false; reason: "prompt not stored" | "no tier" }
  | {
      replayable: true;
      fromFeatures: boolean;
      logged: { decided: string | null; served: string | null; costUsd: number; ms: number; quality: number };
      /** Expectations where the outcome branches (escalated: its probability). */
      candidate: { decided: string; served: string | null; costUsd: number; ms: number; escalated: number; quality: number };
      /** Direct evidence for the candidate's answer (its reward, Q̂ of that tier under the logged scores, the weight, where it came from). */
      correction: Correction | null;
      /** Direct evidence for the logged answer (the current policy's estimate). */
      loggedCorrection: Correction | null;
    };

export type Correction = { reward: number; modelLogged: number; weight: number; source: "label" | "shadow" };

/** A classifier that answers what was recorded (a request whose text was not stored). */
const recorded = (p: number[], tierCount: number): TierClassifier => ({ id: "recorded", kind: "trained", tierCount, predict: () => p });
const PLACEHOLDER = "(recorded answer)";

/** The policy's classifier on the request (rule-decided requests carry no scores); none: nothing known. */
function scoredP(snapshot: ConfigSnapshot, policy: string, tierCount: number, messages: ChatTurn[]): number[] {
  const scored = scoreRequest(snapshot, policy, tierCount, messages);
  return scored.ok ? scored.p : new Array<number>(Math.max(0, tierCount - 1)).fill(0);
}

export async function replayRequest(ctx: ReplayContext, r: LoggedRequest): Promise<Replayed> {
  const policy = ctx.snapshot.policies.get(ctx.policy);
  if (!policy) return { replayable: false, reason: "no tier" };
  const tiers = policy.tiers;
  const loggedP = r.decision.scores?.p;
  let messages: ChatTurn[];
  let snapshot = ctx.snapshot;
  const fromFeatures = r.prompt === null;
  const classifierId = ctx.snapshot.classifiers.get(ctx.policy)?.id ?? "builtin";
  const sameScores = !ctx.classifierChanged && loggedP !== undefined && loggedP.length === tiers.length - 1 && r.decision.scores?.classifier?.id === classifierId;
  if (r.prompt !== null) {
    messages = parseTranscript(r.prompt);
    // the classifier that scored the request is the candidate's: its recorded scores stand in (no need to score again)
    if (sameScores) snapshot = { ...ctx.snapshot, classifiers: new Map([[ctx.policy, recorded(loggedP!, tiers.length)]]) };
  } else if (loggedP && !ctx.classifierChanged) {
    messages = [];
    snapshot = { ...ctx.snapshot, classifiers: new Map([[ctx.policy, recorded(loggedP, tiers.length)]]) };
  } else return { replayable: false, reason: "prompt not stored" };

  const decision = decide(snapshot, ctx.policy, { messages }, { now: r.createdAt.getTime(), rng: ctx.rng, health: () => "healthy" });
  if (isRejection(decision)) return { replayable: false, reason: "no tier" };
  const p = decision.scores?.p ?? loggedP ?? scoredP(snapshot, ctx.policy, tiers.length, messages);
  const q = notEnoughProbabilities(p, tiers.length);
  const over = (order: readonly string[], notEnough: number[]) => (tier: string | null) => (tier === null || order.indexOf(tier) < 0 ? 0 : 1 - notEnough[order.indexOf(tier)]!);
  let quality = over(tiers, q);
  let loggedQuality = over(tiers, loggedP ? notEnoughProbabilities(loggedP, tiers.length) : q);
  if (ctx.reference && messages.length) {
    // one scale for every candidate: P(enough) among the reference's tiers (the advisor's tier sets differ)
    const ref = ctx.reference;
    quality = loggedQuality = over(ref.tiers, notEnoughProbabilities(scoredP(ref.snapshot, ref.policy, ref.tiers.length, messages), ref.tiers.length));
  }

  const seenAt = (tier: string) => r.attempts.find((a) => a.tier === tier && (a.outcome === "ok" || a.outcome === "low-confidence"));
  /** `unseen`: the confidence given to answers the log has no record of. */
  const call = (unseen: number) => (tier: string): VirtualOutcome => {
    const seen = seenAt(tier);
    const confidence = Math.max(1e-6, Math.min(1, seen ? (seen.confidence ?? quality(tier)) : unseen));
    const answer = { content: PLACEHOLDER, finishReason: "stop", logprobs: [Math.log(confidence)] };
    if (seen) return { ms: seen.ms, answer, usage: { promptTokens: seen.promptTokens, completionTokens: seen.completionTokens } };
    const completion = r.completionTokens || (policy.expectedOutputTokens ?? 300);
    return { ms: ctx.latencyMs(tier), answer, usage: { promptTokens: r.promptTokens, completionTokens: completion, estimated: true } };
  };
  const plan = planExecution(snapshot, decision, { promptTokens: r.promptTokens, live: false });
  const env = { admit: () => true, budgetLeftUsd: () => Infinity };
  const runWith = async (unseen: number) => {
    const run = await runVirtual(plan, env, call(unseen));
    const served = run.result.ok ? run.result.tier : null;
    return { served, costUsd: totalCost(run.result.attempts), ms: run.elapsedMs, escalated: run.result.escalated };
  };
  // An answer the log never saw, from a tier escalation may climb from: two branches, weighted by
  // the model — confident (probability Q̂; adequate as often as the labels say answers the check
  // let through at that tier were) or unsure (escalated; the answer above judged by Q̂). Otherwise one run.
  // A logged answer that passed the confidence check (escalation could have followed, and did not) is
  // adequate as often as reviewers found such answers of its tier — the same rule as for the
  // confident branch below — rather than the classifier's prior for the request.
  const checked = (tier: string | null, model: (t: string | null) => number) => {
    const seen = tier === null ? undefined : seenAt(tier);
    return seen && seen.outcome === "ok" && seen.confidence !== undefined ? ctx.confidentAdequacy(tier!) : model(tier);
  };
  const first = decision.tier;
  const branching = decision.escalation !== null && !seenAt(first);
  let candidate: { served: string | null; costUsd: number; ms: number; escalated: number; quality: number };
  if (branching) {
    const w = quality(first);
    const [sure, unsure] = await Promise.all([runWith(0.99), runWith(0.01)]);
    const likely = w >= 0.5 ? sure : unsure;
    candidate = {
      served: likely.served,
      costUsd: w * sure.costUsd + (1 - w) * unsure.costUsd,
      ms: w * sure.ms + (1 - w) * unsure.ms,
      escalated: (1 - w) * Number(unsure.escalated),
      quality: w * (sure.served === null ? 0 : ctx.confidentAdequacy(first)) + (1 - w) * quality(unsure.served),
    };
  } else {
    const run = await runWith(quality(first));
    candidate = { ...run, escalated: Number(run.escalated), quality: decision.escalation !== null ? checked(run.served, quality) : quality(run.served) };
  }
  const served = candidate.served;

  // Direct evidence on a tier: the served one has a label (rate ρL) or a shadow pair (ρS), the tier
  // above it a shadow pair only; both reachable only when the logged decision picked the served tier.
  const rhoL = ctx.labelRate;
  const rhoS = ctx.shadowRate ?? 0;
  const decidedIndex = r.decision.tier ? tiers.indexOf(r.decision.tier) : -1;
  const propensity = r.servedTier === r.decision.tier && decidedIndex >= 0 ? (r.decision.propensities?.[decidedIndex] ?? 1) : 1;
  const label = labelReward(r.randomLabel);
  const pair = r.shadow && r.shadow.servedTier === r.servedTier ? r.shadow : null;
  /** `model`: Q̂ of an answer from `tier`, the same the estimate's direct term uses (the doubly robust correction is r − Q̂). */
  const evidence = (tier: string | null, model: (t: string | null) => number, withPropensity: boolean): Correction | null => {
    if (tier === null) return null;
    const pi = withPropensity ? Math.max(propensity, 1e-3) : 1;
    const rate = (p: number) => (p > 0 ? p : 1);
    if (tier === r.servedTier) {
      const seen = rate(1 - (1 - rhoL) * (1 - rhoS));
      const fromShadow = pair ? shadowReward(pair, tier) : null;
      if (label !== null) return { reward: label, modelLogged: model(tier), weight: 1 / (seen * pi), source: "label" };
      if (fromShadow !== null) return { reward: fromShadow, modelLogged: model(tier), weight: 1 / (seen * pi), source: "shadow" };
      return null;
    }
    const fromShadow = pair ? shadowReward(pair, tier) : null;
    return fromShadow === null ? null : { reward: fromShadow, modelLogged: model(tier), weight: 1 / (rate(rhoS) * pi), source: "shadow" };
  };
  const modelLogged = checked(r.servedTier, loggedQuality);
  const candidateModel = (t: string | null) => (decision.escalation !== null ? checked(t, quality) : quality(t));
  const correction = evidence(served, candidateModel, true);
  const loggedCorrection = evidence(r.servedTier, (t) => checked(t, loggedQuality), false);
  return {
    replayable: true,
    fromFeatures,
    logged: { decided: r.decision.tier ?? null, served: r.servedTier, costUsd: r.costUsd, ms: r.attempts.reduce((s, a) => s + a.ms, 0), quality: modelLogged },
    candidate: { decided: decision.tier, ...candidate },
    correction,
    loggedCorrection,
  };
}
