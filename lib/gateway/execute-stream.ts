/**
 * Runs a routed streaming request. A tier whose answer may still be escalated is read to the
 * end first (buffered), assessed, and then either replayed to the client or escalated; the
 * last tier in line streams live. A hedged decision runs both legs as buffered streams
 * (run-hedged: the small answer if confident, else the large one; the loser is aborted) and
 * replays the winner. Failures before the client got a byte fall back like non-streaming
 * requests; a live stream that breaks afterwards ends with an error event.
 */
import { callProvider, type Answer, type ProviderStream, type StreamSummary, type Usage } from "../providers/index";
import { assessAnswer } from "../routing/assess-answer";
import { failedAttempt, successAttempt } from "./attempts";
import {
  countsAgainstTier,
  escalationTarget,
  failureOf,
  fallbackAfter,
  newExecState,
  NOT_TRIED,
  targetOf,
  tierConfig,
  wantsLogprobs,
  type ExecContext,
  type ExecState,
} from "./exec-context";
import { runHedged, type LegCall } from "./run-hedged";

export type StreamExecution = ExecState &
  (
    | { ok: true; tier: string; mode: "buffered"; chunks: Uint8Array[]; summary: StreamSummary; startedAt: number }
    | { ok: true; tier: string; mode: "live"; stream: ProviderStream; startedAt: number }
    | { ok: false; tier: string; error: unknown }
  );

async function drain(stream: ProviderStream): Promise<{ chunks: Uint8Array[]; summary: StreamSummary }> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream.sse()) chunks.push(chunk);
  return { chunks, summary: await stream.summary };
}

type Drained = { chunks: Uint8Array[]; summary: StreamSummary; answer: Answer; usage: Usage };

/** A hedge leg for a streamed request: the tier's stream, read to the end. */
const drainedLeg =
  (x: ExecContext): LegCall<Drained> =>
  async (tier, signal) => {
    const { chunks, summary } = await drain(await callProvider(targetOf(x, tier), x.body, { stream: true, signal, wantLogprobs: wantsLogprobs(x) }));
    return { chunks, summary, answer: summary.answer, usage: summary.usage };
  };

export async function executeStream(x: ExecContext): Promise<StreamExecution> {
  const s = newExecState(x.decision);
  let tier: string | null = x.decision.tier;
  let lastError: unknown = NOT_TRIED;
  let lastTier = x.decision.tier;
  while (tier) {
    s.attempted.add(tier);
    lastTier = tier;
    const target = targetOf(x, tier);
    if (!x.runtime.admit(tier)) {
      s.attempts.push(failedAttempt(target, tierConfig(x, tier), new Error("circuit open"), 0, 0, "skipped"));
      s.fellBack = true;
      tier = fallbackAfter(x, s, null);
      continue;
    }
    const startedAt = performance.now();
    const hedge = s.attempts.length === 0 && x.decision.hedge;
    if (hedge) {
      s.hedged = true;
      const outcome = await runHedged(x, tier, hedge.tier, hedge.delayMs, drainedLeg(x));
      s.attempts.push(...outcome.attempts);
      for (const a of outcome.attempts) s.attempted.add(a.tier);
      if ("result" in outcome) return { ...s, ok: true, tier: outcome.tier, mode: "buffered", chunks: outcome.result.chunks, summary: outcome.result.summary, startedAt };
      lastError = outcome.error;
      lastTier = outcome.tier;
      tier = fallbackAfter(x, s, outcome.error);
      if (tier) s.fellBack = true;
      continue;
    }
    const next = escalationTarget(x, s, tier);
    try {
      const stream = await callProvider(target, x.body, { stream: true, signal: x.signal, wantLogprobs: wantsLogprobs(x) });
      if (!next) return { ...s, ok: true, tier, mode: "live", stream, startedAt };
      const { chunks, summary } = await drain(stream);
      x.runtime.reportOutcome(tier, true);
      const assessment = assessAnswer(summary.answer, x.policy!.escalation, true);
      const record = successAttempt(target, tierConfig(x, tier), summary.usage, performance.now() - startedAt, {
        confidence: assessment.confidence,
        signals: assessment.signals.map((sig) => sig.kind),
        firstTokenMs: summary.firstTokenMs,
      });
      s.attempts.push(record);
      if (!assessment.escalate) return { ...s, ok: true, tier, mode: "buffered", chunks, summary, startedAt };
      record.outcome = "low-confidence";
      s.escalated = true;
      s.stepsLeft--;
      tier = next;
    } catch (error) {
      if (countsAgainstTier(error)) x.runtime.reportOutcome(tier, false);
      s.attempts.push(failedAttempt(target, tierConfig(x, tier), error, performance.now() - startedAt, x.promptTokens));
      lastError = error;
      tier = fallbackAfter(x, s, error);
      if (tier) s.fellBack = true;
    }
  }
  return { ...s, ok: false, tier: lastTier, error: failureOf(lastError) };
}
