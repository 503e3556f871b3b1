/**
 * A hedged call: the chosen tier starts at once; if it has not answered after `delayMs`, the
 * next tier starts in parallel. The small answer is used when it comes back confident, else
 * the large one; the loser's upstream call is aborted. Both attempts are recorded with costs.
 */
import type { ProviderResult } from "../providers/index.ts";
import { assessAnswer } from "../routing/assess-answer.ts";
import { failedAttempt, successAttempt, type AttemptRecord } from "./attempts.ts";
import { callTier, countsAgainstTier, targetOf, tierConfig, type ExecContext } from "./exec-context.ts";

type Leg = { tier: string; started: number; controller: AbortController; promise: Promise<ProviderResult> };

export type HedgeOutcome = { result: ProviderResult; tier: string; attempts: AttemptRecord[] } | { error: unknown; tier: string; attempts: AttemptRecord[] };

function startLeg(x: ExecContext, tier: string): Leg {
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  x.signal.addEventListener("abort", onAbort, { once: true });
  const promise = callTier(x, tier, controller.signal).finally(() => x.signal.removeEventListener("abort", onAbort));
  promise.then(
    () => x.runtime.reportOutcome(tier, true),
    (error) => countsAgainstTier(error) && x.runtime.reportOutcome(tier, false),
  );
  return { tier, started: performance.now(), controller, promise };
}

type Settled = { leg: Leg; result?: ProviderResult; error?: unknown };
const settle = (leg: Leg): Promise<Settled> => leg.promise.then((result) => ({ leg, result }), (error) => ({ leg, error }));

function record(x: ExecContext, s: Settled, outcome?: AttemptRecord["outcome"], confidence?: number): AttemptRecord {
  const ms = performance.now() - s.leg.started;
  const target = targetOf(x, s.leg.tier);
  const tier = tierConfig(x, s.leg.tier);
  if (s.result) return successAttempt(target, tier, s.result.usage, ms, { ...(outcome ? { outcome } : {}), ...(confidence !== undefined ? { confidence } : {}) });
  return failedAttempt(target, tier, s.error, ms, x.promptTokens, outcome ?? "error");
}

function abandon(x: ExecContext, leg: Leg): AttemptRecord {
  leg.controller.abort();
  return failedAttempt(targetOf(x, leg.tier), tierConfig(x, leg.tier), new Error("hedge lost: aborted"), performance.now() - leg.started, x.promptTokens, "hedge-lost");
}

export async function runHedged(x: ExecContext, smallTier: string, largeTier: string, delayMs: number): Promise<HedgeOutcome> {
  const small = startLeg(x, smallTier);
  const smallDone = settle(small);
  let timer: NodeJS.Timeout | undefined;
  const delay = new Promise<"delay">((resolve) => (timer = setTimeout(() => resolve("delay"), delayMs)));
  const first = await Promise.race([smallDone, delay]);
  clearTimeout(timer);
  const attempts: AttemptRecord[] = [];

  if (first !== "delay" && first.result) {
    const assessment = assessAnswer(first.result.answer, x.policy!.escalation, true);
    if (!assessment.escalate) return { result: first.result, tier: smallTier, attempts: [record(x, first, "ok", assessment.confidence)] };
    attempts.push(record(x, first, "low-confidence", assessment.confidence));
  } else if (first !== "delay") {
    attempts.push(record(x, first));
  }
  if (!x.runtime.admit(largeTier)) {
    if (first === "delay") {
      const s = await smallDone;
      return s.result ? { result: s.result, tier: smallTier, attempts: [record(x, s)] } : { error: s.error, tier: smallTier, attempts: [record(x, s)] };
    }
    return first.result ? { result: first.result, tier: smallTier, attempts } : { error: first.error, tier: smallTier, attempts };
  }
  const large = startLeg(x, largeTier);
  const largeDone = settle(large);
  if (first !== "delay") return finishLarge(x, await largeDone, attempts);

  const winner = await Promise.race([smallDone, largeDone]);
  if (winner.leg === small) {
    const assessment = winner.result ? assessAnswer(winner.result.answer, x.policy!.escalation, true) : null;
    if (winner.result && assessment && !assessment.escalate) {
      attempts.push(record(x, winner, "ok", assessment.confidence), abandon(x, large));
      return { result: winner.result, tier: smallTier, attempts };
    }
    attempts.push(record(x, winner, winner.result ? "low-confidence" : "error", assessment?.confidence));
    return finishLarge(x, await largeDone, attempts);
  }
  if (winner.result) {
    attempts.push(abandon(x, small), record(x, winner));
    return { result: winner.result, tier: largeTier, attempts };
  }
  attempts.push(record(x, winner));
  const s = await smallDone;
  attempts.push(record(x, s));
  return s.result ? { result: s.result, tier: smallTier, attempts } : { error: s.error, tier: largeTier, attempts };
}

function finishLarge(x: ExecContext, s: Settled, attempts: AttemptRecord[]): HedgeOutcome {
  attempts.push(record(x, s));
  return s.result ? { result: s.result, tier: s.leg.tier, attempts } : { error: s.error, tier: s.leg.tier, attempts };
}
