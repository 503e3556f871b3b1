/**
 * Which deployment of a tier takes the next call: power of two choices over weights. Two
 * different deployments are drawn with probability ∝ weight; the one with fewer calls in flight
 * per unit of weight wins, the first drawn on a tie. Idle, the share is the weights' (every
 * comparison ties); busy, calls go where the in-flight count is lowest relative to the weight, so
 * a slow deployment gets fewer, and under steady load each one's share stays near its weight
 * (a plain draw ∝ weight / (in-flight + 1) drifts towards √weight). Pure: the caller passes the
 * usable deployments and the randomness.
 */
export type DeploymentChoice = { name: string; weight: number; inFlight: number };

/** Calls in flight per unit of weight: lower is less loaded. */
export function deploymentLoad(d: DeploymentChoice): number {
  return d.inFlight / d.weight;
}

function draw<T extends DeploymentChoice>(candidates: readonly T[], rng: () => number, skip: T | null): T {
  let total = 0;
  for (const c of candidates) if (c !== skip) total += c.weight;
  let x = rng() * total;
  let last = candidates[0]!;
  for (const c of candidates) {
    if (c === skip) continue;
    last = c;
    x -= c.weight;
    if (x < 0) return c;
  }
  return last;
}

/** One of `candidates` (null when there is none). */
export function pickDeployment<T extends DeploymentChoice>(candidates: readonly T[], rng: () => number): T | null {
  if (candidates.length <= 1) return candidates[0] ?? null;
  const first = draw(candidates, rng, null);
  const second = draw(candidates, rng, first);
  return deploymentLoad(second) < deploymentLoad(first) ? second : first;
}
