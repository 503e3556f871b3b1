/**
 * A logged request as replay reads it: what was asked (the stored transcript, turned back into
 * messages), what the policy decided with what probability, what each attempt did, and what a
 * reviewer from the random sample said of the answer.
 */
import { servedLost } from "../shadow/plan-shadow";
import type { AttemptRecord } from "../../routing/execution/attempt-record";

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
  /** The newest graded shadow pair: the served tier's answer beside the next tier's, and the verdict. */
  shadow: { servedTier: string; shadowTier: string; verdict: string } | null;
};

/** The quality a random-sample label gives the served answer: adequate (1) or too weak (0). */
export function labelReward(label: LoggedRequest["randomLabel"]): number | null {
  if (label === null) return null;
  return label === "should-be-more-capable" ? 0 : 1;
}

/**
 * The quality a graded shadow pair gives a tier of the pair: the tier above winning (or different
 * tool calls) — served 0, shadow 1; a tie or equal calls — both 1; the served answer winning —
 * served 1, the shadow unknown. Null for a tier not in the pair.
 */
export function shadowReward(pair: NonNullable<LoggedRequest["shadow"]>, tier: string): number | null {
  const lost = servedLost(pair.verdict);
  if (tier === pair.servedTier) return lost ? 0 : 1;
  if (tier === pair.shadowTier) return lost || pair.verdict === "tie" || pair.verdict === "equal" ? 1 : null;
  return null;
}
