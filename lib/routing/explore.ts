/**
 * Exploration, for off-policy evaluation of the logged traffic (the lab's replay): with the
 * policy's `explore` option on, an uncertain classifier decision goes to an adjacent usable tier
 * with probability `rate` (split evenly between the tiers below and above), and every decision
 * records the probability it gave each tier — its propensity. Inverse-propensity and doubly
 * robust estimates of another policy are unbiased only over tiers with a non-zero propensity, so
 * exploring a little, where the router is unsure, is what makes the log answer "what if".
 * Pure: the draw comes from ctx.rng.
 */
import type { PolicyConfig, TierConfig } from "./config-schema";
import { isAvailable } from "./policy-tiers";
import type { TierHealth } from "./types";

export type Exploration = {
  /** The index (into the policy's tiers) the request goes to. */
  index: number;
  /** Per policy tier: the probability this decision gave it. */
  propensities: number[];
  explored: boolean;
};

/** The deterministic case: everything on the chosen tier. */
export function onlyChoice(tierCount: number, index: number): number[] {
  const p = new Array<number>(tierCount).fill(0);
  if (index >= 0) p[index] = 1;
  return p;
}

export function explore(
  policy: Pick<PolicyConfig, "explore">,
  resolved: ReadonlyArray<TierConfig | null>,
  chosen: number,
  uncertainty: number,
  health: (tier: string) => TierHealth,
  rng: () => number,
): Exploration {
  const { enabled, rate, uncertainAbove } = policy.explore;
  if (!enabled || rate <= 0 || uncertainty < uncertainAbove) return stay(resolved.length, chosen); // no neighbour looked up (health is pure)
  const usable = (k: number) => resolved[k] !== null && resolved[k] !== undefined && isAvailable(health(resolved[k]!.name));
  const adjacent: number[] = [];
  for (let k = chosen - 1; k >= 0; k--) if (usable(k)) { adjacent.push(k); break; }
  for (let k = chosen + 1; k < resolved.length; k++) if (usable(k)) { adjacent.push(k); break; }
  if (adjacent.length === 0) return stay(resolved.length, chosen);
  const propensities = onlyChoice(resolved.length, chosen);
  propensities[chosen] = 1 - rate;
  for (const k of adjacent) propensities[k] = rate / adjacent.length;
  const draw = rng();
  if (draw >= rate) return { index: chosen, propensities, explored: false };
  return { index: adjacent[Math.min(adjacent.length - 1, Math.floor((draw / rate) * adjacent.length))]!, propensities, explored: true };
}

function stay(tierCount: number, chosen: number): Exploration {
  return { index: chosen, propensities: onlyChoice(tierCount, chosen), explored: false };
}
