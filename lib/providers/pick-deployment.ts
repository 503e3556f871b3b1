/**
 * Which deployment of a tier takes the next call: a draw weighted by weight / (in-flight + 1),
 * so a deployment gets its weight's share while calls are short, and one with calls piling up
 * (slow, or far away) gets fewer until they finish. Pure: the caller passes the usable ones and
 * the randomness.
 */
export type DeploymentChoice = { name: string; weight: number; inFlight: number };

export function deploymentScore(d: DeploymentChoice): number {
  return d.weight / (d.inFlight + 1);
}

/** One of `candidates` (null when there is none), drawn with probability ∝ deploymentScore. */
export function pickDeployment<T extends DeploymentChoice>(candidates: readonly T[], rng: () => number): T | null {
  if (candidates.length <= 1) return candidates[0] ?? null;
  let total = 0;
  for (const c of candidates) total += deploymentScore(c);
  let x = rng() * total;
  for (const c of candidates) {
    x -= deploymentScore(c);
    if (x < 0) return c;
  }
  return candidates[candidates.length - 1]!;
}
