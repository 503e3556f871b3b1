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
  return new ReadText(messages);
}

/** A class: one object per request, the estimate a field (no closures, no getter object literal). */
class ReadText implements RequestText {
  readonly latestUser: string = "";
  readonly totalChars: number = 0;
  private estimated: PromptTokenEstimate | undefined;

  constructor(readonly messages: readonly ChatTurn[]) {
    let totalChars = 0;
    for (const message of messages) {
      totalChars += message.content.length;
      if (message.role === "user") this.latestUser = message.content;
    }
    this.totalChars = totalChars;
  }

  get estimate(): PromptTokenEstimate {
    return (this.estimated ??= estimatePromptTokens(contents(this.messages)));
  }

  get promptTokens(): number {
    return this.estimate.tokens;
  }

  refineEstimate(): PromptTokenEstimate {
    const current = this.estimate;
    return current.sampled ? (this.estimated = estimateFullPromptTokens(contents(this.messages))) : current;
  }
}

function contents(messages: readonly ChatTurn[]): string[] {
  const texts = new Array<string>(messages.length);
  for (let i = 0; i < messages.length; i++) texts[i] = messages[i]!.content;
  return texts;
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
