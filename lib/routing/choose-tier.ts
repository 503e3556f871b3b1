/**
 * The decision rule (see bias-to-lambda.ts for λ): among the allowed tiers, pick k minimizing
 *   expected loss L_k = c_k + λ · q_k,   q_k = P(tier k is not enough) = P(needs a tier > k),
 * where q_top = 0. Ties go to the more capable tier (so "p ≥ threshold" escalates).
 * Uncertainty compares the winner with the runner-up: 1 − (L_runnerUp − L_win) / (λ · 0.5),
 * clamped to [0, 1]; for two tiers at the reference size that is 1 − 2·|p − threshold|.
 */

/** Loss gap (in units of λ) at which a decision counts as fully certain. */
export const CERTAIN_GAP = 0.5;
const TIE_TOLERANCE = 1e-9;

export type Choice = {
  /** Index into the policy's configured tiers; -1 when no tier was allowed. */
  index: number;
  /** Expected loss per configured tier; null when not allowed. */
  losses: Array<number | null>;
  runnerUp: number | null;
  uncertainty: number;
};

/** q_k for each of `tierCount` tiers from the classifier's p (p[k-1] = P(needs >= k)). */
export function notEnoughProbabilities(p: readonly number[], tierCount: number): number[] {
  const q = new Array<number>(tierCount);
  for (let k = 0; k < tierCount; k++) q[k] = k < tierCount - 1 ? p[k] ?? 0 : 0;
  return q;
}

export function chooseTier(
  q: readonly number[],
  costs: ReadonlyArray<number | null>,
  lambda: number,
  isAllowed?: (index: number) => boolean,
): Choice {
  const losses = new Array<number | null>(costs.length);
  for (let k = 0; k < costs.length; k++) {
    const c = costs[k]!;
    losses[k] = c === null || (isAllowed && !isAllowed(k)) ? null : c + lambda * q[k]!;
  }
  const index = lowestLossIndex(q, costs, lambda, isAllowed);
  const runnerUp = pickRunnerUp(losses, index);
  return { index, losses, runnerUp, uncertainty: uncertaintyOf(losses, index, runnerUp, lambda) };
}

/** chooseTier's index alone (no losses kept): the lowest loss, ties to the more capable tier; -1 when none is allowed. */
export function lowestLossIndex(q: readonly number[], costs: ReadonlyArray<number | null>, lambda: number, isAllowed?: (index: number) => boolean): number {
  let index = -1;
  let best = 0;
  for (let k = costs.length - 1; k >= 0; k--) {
    const c = costs[k]!;
    if (c === null || (isAllowed && !isAllowed(k))) continue;
    const loss = c + lambda * q[k]!;
    if (index < 0 || loss < best - tolerance(loss, best)) {
      index = k;
      best = loss;
    }
  }
  return index;
}

function tolerance(a: number, b: number): number {
  return TIE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b), 1e-12);
}

function pickRunnerUp(losses: ReadonlyArray<number | null>, winner: number): number | null {
  let best: number | null = null;
  for (let k = 0; k < losses.length; k++) {
    const loss = losses[k]!;
    if (loss === null || k === winner) continue;
    if (best === null || loss < (losses[best] as number)) best = k;
  }
  return best;
}

function uncertaintyOf(losses: ReadonlyArray<number | null>, winner: number, runnerUp: number | null, lambda: number): number {
  if (winner < 0 || runnerUp === null || lambda <= 0) return 0;
  const gap = Math.max(0, (losses[runnerUp] as number) - (losses[winner] as number));
  return Math.min(1, Math.max(0, 1 - gap / (lambda * CERTAIN_GAP)));
}
