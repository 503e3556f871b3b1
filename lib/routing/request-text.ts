/**
 * What the rule stages read from a request, computed at most once per decision.
 * Rules look at the LATEST USER MESSAGE (what is being asked now); cost estimates use the whole
 * conversation (prompt tokens: estimateTokens of its characters).
 */
import type { ChatTurn } from "../classifier/types";
import { estimateTokens } from "./estimate-tokens";

export type RequestText = {
  readonly messages: readonly ChatTurn[];
  /** The last `user` message, or "" when there is none. */
  readonly latestUser: string;
  readonly totalChars: number;
  readonly promptTokens: number;
};

export function readRequestText(messages: readonly ChatTurn[]): RequestText {
  let totalChars = 0;
  let latestUser = "";
  for (const message of messages) {
    totalChars += message.content.length;
    if (message.role === "user") latestUser = message.content;
  }
  return {
    messages,
    latestUser,
    totalChars,
    promptTokens: estimateTokens(totalChars),
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
