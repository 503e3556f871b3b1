/**
 * Reviewer verdicts for demo requests, from the recorded quality of each tier's model on the
 * prompt (RouteProfile scores): a weak answer that a more capable tier would have got right is
 * "should be more capable"; a good answer a cheaper tier would also have got right is "should be
 * cheaper"; everything else is "correct". Prompts without recorded scores get plausible odds.
 */
export type Verdict = "correct" | "should-be-cheaper" | "should-be-more-capable";

const GOOD = 0.5;

/** `scores[i]`: recorded score of the policy's i-th tier (cheapest first), undefined if unknown. */
export function demoVerdict(scores: ReadonlyArray<number | undefined>, answered: number, rng: () => number): { verdict: Verdict; correctIndex: number | null } {
  const known = scores.every((s) => s !== undefined);
  if (!known) {
    const r = rng();
    if (answered < scores.length - 1 && r < 0.1) return { verdict: "should-be-more-capable", correctIndex: answered + 1 };
    if (answered > 0 && r > 0.88) return { verdict: "should-be-cheaper", correctIndex: answered - 1 };
    return { verdict: "correct", correctIndex: null };
  }
  const s = scores as number[];
  if (s[answered]! < GOOD) {
    for (let k = answered + 1; k < s.length; k++) if (s[k]! >= GOOD) return { verdict: "should-be-more-capable", correctIndex: k };
    return { verdict: "correct", correctIndex: null };
  }
  for (let k = 0; k < answered; k++) if (s[k]! >= GOOD) return { verdict: "should-be-cheaper", correctIndex: k };
  return { verdict: "correct", correctIndex: null };
}
