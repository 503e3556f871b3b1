/**
 * Confidence in a lower tier's answer, from signals cheapest first. The base is the geometric
 * mean token probability, exp(mean logprob), when the provider returned logprobs (else the
 * policy's `noLogprobsConfidence`); each warning signal then caps or scales it:
 *   empty answer → 0; refusal ("I cannot help") → at most 0.2; finish_reason "content_filter" →
 *   at most 0.2; finish_reason "length" → ×0.4; hedging ("I'm not sure", "as an AI") → ×0.6.
 * Tool calls are judged on their own merits (assess-tool-calls.ts): when every call names a declared
 * tool with arguments that fit its schema the base is 1 (a call has no content logprobs to go by);
 * any problem (unknown tool, arguments not JSON or not fitting, a call tool_choice rules out, or
 * none when it requires one) sets confidence to 0, one "tool-call" signal a problem.
 * Escalate when confidence < minConfidence and a next tier exists.
 */
import { checkToolCalls, type ToolCallLike, type ToolContext } from "./assess-tool-calls";
import type { PolicyConfig } from "./config-schema";

export type Answer = { content: string; finishReason?: string | null; logprobs?: readonly number[]; toolCalls?: readonly ToolCallLike[] };

export type AnswerSignal =
  | { kind: "logprob"; meanLogprob: number; confidence: number }
  | { kind: "no-logprobs"; confidence: number }
  | { kind: "empty" }
  | { kind: "truncated" }
  | { kind: "content-filter" }
  | { kind: "refusal"; phrase: string }
  | { kind: "hedging"; phrase: string }
  | { kind: "tool-calls-valid"; count: number }
  | { kind: "tool-call"; problem: string };

/** A signal as the attempt record and the trace show it ("tool-call: unknown tool x", "empty"). */
export function signalLabel(signal: AnswerSignal): string {
  return signal.kind === "tool-call" ? `tool-call: ${signal.problem}` : signal.kind;
}

export type Assessment = { confidence: number; signals: AnswerSignal[]; escalate: boolean };

/** Phrases are looked for near the start of the answer, where refusals and hedges appear. */
export const PHRASE_WINDOW_CHARS = 400;

const REFUSALS = [
  "i cannot help", "i can't help", "i can not help", "i cannot assist", "i can't assist", "i'm unable to",
  "i am unable to", "i won't be able to", "i'm not able to", "i am not able to", "sorry, but i can't", "i must decline",
];
const HEDGES = [
  "i'm not sure", "i am not sure", "i'm not certain", "i am not certain", "i don't know", "i do not know",
  "as an ai", "as a language model", "i may be wrong", "i might be wrong", "it's unclear", "it is unclear",
  "i don't have enough information", "i do not have enough information",
];

export function assessAnswer(
  answer: Answer,
  settings: Pick<PolicyConfig["escalation"], "minConfidence" | "noLogprobsConfidence">,
  hasNextTier: boolean,
  tools: ToolContext = {},
): Assessment {
  const signals: AnswerSignal[] = [];
  const calls = answer.toolCalls ?? [];
  const problems = checkToolCalls(calls, tools);
  let confidence = calls.length > 0 ? 1 : baseConfidence(answer.logprobs, settings.noLogprobsConfidence, signals);
  if (calls.length > 0 && problems.length === 0) signals.push({ kind: "tool-calls-valid", count: calls.length });
  for (const problem of problems) signals.push({ kind: "tool-call", problem });
  if (problems.length > 0) confidence = 0;
  const text = answer.content.trim();
  if (!text && calls.length === 0) {
    signals.push({ kind: "empty" });
    confidence = 0;
  }
  if (answer.finishReason === "length") {
    signals.push({ kind: "truncated" });
    confidence *= 0.4;
  }
  if (answer.finishReason === "content_filter") {
    signals.push({ kind: "content-filter" });
    confidence = Math.min(confidence, 0.2);
  }
  const head = text.slice(0, PHRASE_WINDOW_CHARS).toLowerCase().replace(/[\u2018\u2019]/g, "'");
  const refusal = REFUSALS.find((phrase) => head.includes(phrase));
  if (refusal) {
    signals.push({ kind: "refusal", phrase: refusal });
    confidence = Math.min(confidence, 0.2);
  }
  const hedge = HEDGES.find((phrase) => head.includes(phrase));
  if (hedge) {
    signals.push({ kind: "hedging", phrase: hedge });
    confidence *= 0.6;
  }
  return { confidence, signals, escalate: hasNextTier && confidence < settings.minConfidence };
}

function baseConfidence(logprobs: readonly number[] | undefined, fallback: number, signals: AnswerSignal[]): number {
  // Clamped to [-100, 0]: providers send -Infinity or tiny positive rounding noise now and then.
  const finite = (logprobs ?? []).filter((v) => !Number.isNaN(v)).map((v) => Math.min(0, Math.max(-100, v)));
  if (finite.length === 0) {
    signals.push({ kind: "no-logprobs", confidence: fallback });
    return fallback;
  }
  const meanLogprob = finite.reduce((sum, v) => sum + v, 0) / finite.length;
  const confidence = Math.exp(meanLogprob);
  signals.push({ kind: "logprob", meanLogprob, confidence });
  return confidence;
}
