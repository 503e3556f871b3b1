/**
 * A logged request as replay reads it: what was asked (the stored transcript, turned back into
 * messages), what the policy decided with what probability, what each attempt did, and what a
 * reviewer from the random sample said of the answer.
 */
import type { AttemptRecord } from "../../routing/execution/attempt-record";
import type { ChatTurn } from "../../routing/types";

export type LoggedRequest = {
  id: string;
  createdAt: Date;
  policy: string;
  /** The tier that answered (null when none did). */
  servedTier: string | null;
  /** The transcript as stored ("role: content" blocks); null when the policy does not store prompts. */
  prompt: string | null;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  status: string;
  decision: {
    tier?: string;
    stage?: string;
    scores?: { p?: number[]; classifier?: { id?: string } } | null;
    propensities?: number[];
    explored?: boolean;
    hedge?: unknown;
  };
  attempts: AttemptRecord[];
  /** The random-sample reviewer's verdict on the answer, if any. */
  randomLabel: "correct" | "should-be-cheaper" | "should-be-more-capable" | null;
};

const ROLE = /^(system|developer|user|assistant|tool): /;

/** The transcript back into turns: blocks separated by a blank line, each starting "role: ". */
export function parseTranscript(prompt: string): ChatTurn[] {
  const turns: ChatTurn[] = [];
  for (const block of prompt.split("\n\n")) {
    const match = ROLE.exec(block);
    if (match) turns.push({ role: match[1] as ChatTurn["role"], content: block.slice(match[0].length) });
    else if (turns.length) turns[turns.length - 1]!.content += `\n\n${block}`;
    else turns.push({ role: "user", content: block });
  }
  return turns;
}

/** The quality a random-sample label gives the served answer: adequate (1) or too weak (0). */
export function labelReward(label: LoggedRequest["randomLabel"]): number | null {
  if (label === null) return null;
  return label === "should-be-more-capable" ? 0 : 1;
}
