/**
 * Runs a routed, non-streaming request: the decided tier first (hedged when the decision says
 * so); a low-confidence answer climbs to the next tier (escalation); an upstream failure that
 * the policy's fallbackOn covers moves on along the decision's fallback chain. No tier is
 * tried twice, and a tier whose circuit is open is skipped.
 */
import type { ProviderResult } from "../providers/index";
import { assessAnswer } from "../routing/assess-answer";
import { failedAttempt, successAttempt } from "./attempts";
import {
  callTier,
  countsAgainstTier,
  escalationTarget,
  failureOf,
  fallbackAfter,
  newExecState,
  NOT_TRIED,
  targetOf,
  tierConfig,
  type ExecContext,
  type ExecState,
} from "./exec-context";
import { callLeg, runHedged } from "./run-hedged";

export type Execution = ExecState & ({ ok: true; tier: string; result: ProviderResult } | { ok: false; tier: string; error: unknown });

type Step = { result: ProviderResult; tier: string } | { error: unknown; tier: string };

async function callOnce(x: ExecContext, s: ExecState, tier: string): Promise<Step> {
  const started = performance.now();
  try {
    const result = await callTier(x, tier, x.signal);
    x.runtime.reportOutcome(tier, true);
    return { result, tier };
  } catch (error) {
    if (countsAgainstTier(error)) x.runtime.reportOutcome(tier, false);
    s.attempts.push(failedAttempt(targetOf(x, tier), tierConfig(x, tier), error, performance.now() - started, x.promptTokens));
    return { error, tier };
  }
}

export async function executeRequest(x: ExecContext): Promise<Execution> {
  const s = newExecState(x.decision);
  let tier: string | null = x.decision.tier;
  let lastError: unknown = NOT_TRIED;
  let lastTier = x.decision.tier;
  while (tier) {
    s.attempted.add(tier);
    lastTier = tier;
    if (!x.runtime.admit(tier)) {
      s.attempts.push(failedAttempt(targetOf(x, tier), tierConfig(x, tier), new Error("circuit open"), 0, 0, "skipped"));
      s.fellBack = true;
      tier = fallbackAfter(x, s, null);
      continue;
    }
    const hedge = s.attempts.length === 0 && x.decision.hedge;
    const started = performance.now();
    let step: Step;
    if (hedge) {
      s.hedged = true;
      const outcome = await runHedged(x, tier, hedge.tier, hedge.delayMs, callLeg(x));
      s.attempts.push(...outcome.attempts);
      for (const a of outcome.attempts) s.attempted.add(a.tier);
      step = outcome;
    } else step = await callOnce(x, s, tier);

    if ("error" in step) {
      lastError = step.error;
      tier = fallbackAfter(x, s, step.error);
      if (tier) s.fellBack = true;
      continue;
    }
    const next = step.tier === x.decision.hedge?.tier ? null : escalationTarget(x, s, step.tier);
    const assessment = next ? assessAnswer(step.result.answer, x.policy!.escalation, true) : null;
    const record = successAttempt(targetOf(x, step.tier), tierConfig(x, step.tier), step.result.usage, performance.now() - started, {
      ...(assessment ? { confidence: assessment.confidence, signals: assessment.signals.map((sig) => sig.kind) } : {}),
    });
    if (!hedge) s.attempts.push(record);
    if (next && assessment?.escalate) {
      if (!hedge) record.outcome = "low-confidence";
      s.escalated = true;
      s.stepsLeft--;
      tier = next;
      continue;
    }
    return { ...s, ok: true, tier: step.tier, result: step.result };
  }
  return { ...s, ok: false, tier: lastTier, error: failureOf(lastError) };
}
