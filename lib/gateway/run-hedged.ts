/**
 * A hedged call: the chosen tier starts at once; if it has not answered after `delayMs`, the
 * next tier starts in parallel. The small answer is used when it comes back confident, else
 * the large one; the loser's upstream call is aborted. Both attempts are recorded with costs.
 * A leg is whatever `call` returns with an answer and its usage: a ProviderResult, or a
 * stream read to the end (execute-stream), so streamed requests hedge the same way.
 */
import type { Answer, ProviderResult, Usage } from "../providers/index";
import { assessAnswer } from "../routing/assess-answer";
import { failedAttempt, successAttempt, type AttemptRecord } from "./attempts";
import { callTier, countsAgainstTier, targetOf, tierConfig, type ExecContext } from "./exec-context";

/** What a leg must produce: the answer (assessed for confidence) and its usage (costed). */
export type LegResult = { answer: Answer; usage: Usage };
export type LegCall<R extends LegResult> = (tier: string, signal: AbortSignal) => Promise<R>;

type Leg<R> = { tier: string; started: number; controller: AbortController; promise: Promise<R> };

export type HedgeOutcome<R extends LegResult = ProviderResult> = { result: R; tier: string; attempts: AttemptRecord[] } | { error: unknown; tier: string; attempts: AttemptRecord[] };

function startLeg<R extends LegResult>(x: ExecContext, tier: string, call: LegCall<R>): Leg<R> {
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  x.signal.addEventListener("abort", onAbort, { once: true });
  const promise = call(tier, controller.signal).finally(() => x.signal.removeEventListener("abort", onAbort));
  promise.then(
    () => x.runtime.reportOutcome(tier, true),
    (error) => countsAgainstTier(error) && x.runtime.reportOutcome(tier, false),
  );
  return { tier, started: performance.now(), controller, promise };
}

type Settled<R> = { leg: Leg<R>; result?: R; error?: unknown };
const settle = <R>(leg: Leg<R>): Promise<Settled<R>> => leg.promise.then((result) => ({ leg, result }), (error) => ({ leg, error }));

function record<R extends LegResult>(x: ExecContext, s: Settled<R>, outcome?: AttemptRecord["outcome"], confidence?: number): AttemptRecord {
  const ms = performance.now() - s.leg.started;
  const target = targetOf(x, s.leg.tier);
  const tier = tierConfig(x, s.leg.tier);
  if (s.result) return successAttempt(target, tier, s.result.usage, ms, { ...(outcome ? { outcome } : {}), ...(confidence !== undefined ? { confidence } : {}) });
  return failedAttempt(target, tier, s.error, ms, x.promptTokens, outcome ?? "error");
}

function abandon<R>(x: ExecContext, leg: Leg<R>): AttemptRecord {
  leg.controller.abort();
  return failedAttempt(targetOf(x, leg.tier), tierConfig(x, leg.tier), new Error("hedge lost: aborted"), performance.now() - leg.started, x.promptTokens, "hedge-lost");
}

/** A non-streaming leg: one call of the tier. */
export const callLeg = (x: ExecContext): LegCall<ProviderResult> => (tier, signal) => callTier(x, tier, signal);

export async function runHedged<R extends LegResult>(x: ExecContext, smallTier: string, largeTier: string, delayMs: number, call: LegCall<R>): Promise<HedgeOutcome<R>> {
  const small = startLeg(x, smallTier, call);
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
  const large = startLeg(x, largeTier, call);
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

function finishLarge<R extends LegResult>(x: ExecContext, s: Settled<R>, attempts: AttemptRecord[]): HedgeOutcome<R> {
  attempts.push(record(x, s));
  return s.result ? { result: s.result, tier: s.leg.tier, attempts } : { error: s.error, tier: s.leg.tier, attempts };
}
