/**
 * What the rule stages read from a request, computed at most once per decision.
 * Rules look at the LATEST USER MESSAGE (what is being asked now); cost estimates use the whole
 * conversation (prompt tokens: the engine's estimate and its band, estimate-tokens.ts, computed
 * on first use — a decision by rule, pin or bypass never reads the text; a long prompt's sampled
 * estimate is refined by the full pass only where its band decides, settle-prompt-tokens.ts).
 */
import type { ChatTurn } from "../classifier/types";
import { estimateFullPromptTokens, estimatePromptTokens, type PromptTokenEstimate } from "./estimate-tokens";

export type RequestText = {
  readonly messages: readonly ChatTurn[];
  /** The last `user` message, or "" when there is none. */
  readonly latestUser: string;
  readonly totalChars: number;
  /** The estimate's point value (estimate.tokens). */
  readonly promptTokens: number;
  readonly estimate: PromptTokenEstimate;
  /** Replaces a sampled estimate by the full pass over the text (a no-op when it was not sampled). */
  refineEstimate(): PromptTokenEstimate;
};

export function readRequestText(messages: readonly ChatTurn[]): RequestText {
  let totalChars = 0;
  let latestUser = "";
  for (const message of messages) {
    totalChars += message.content.length;
    if (message.role === "user") latestUser = message.content;
  }
  let estimate: PromptTokenEstimate | undefined;
  return {
    messages,
    latestUser,
    totalChars,
    get estimate() {
      return (estimate ??= estimatePromptTokens(messages.map((m) => m.content)));
    },
    get promptTokens() {
      return this.estimate.tokens;
    },
    refineEstimate() {
      const current = this.estimate;
      return current.sampled ? (estimate = estimateFullPromptTokens(messages.map((m) => m.content))) : current;
    },
  };
}

/**
 * The bounded slice regexes run on: the whole text when short, else its head and tail joined by
 * a newline (the question is usually at one end of a long paste). With re2js's linear-time
 * matching this bounds the regex stage's time per request, whatever the pattern.
 */
export function boundedRegexInput(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const half = Math.floor(maxChars / 2);
  return `${text.slice(0, half)}\n${text.slice(text.length - half)}`;
}
