/**
 * The promote dialog's figures, free of I/O: the policy's projection at its saved bias routed by
 * the active classifier and by the candidate over the same requests (lib/routing/project-bias.ts),
 * priced per 1,000 requests and per month at the current volume (the last 7 days' requests × 30/7),
 * and the warnings a reviewer should not miss (cost up more than 10%, quality down).
 */
import type { PolicyConfig } from "../routing/config-schema";
import { projectBias, type ProjectionRow } from "../routing/project-bias";
import type { TierLookup } from "../routing/policy-tiers";

/** Cost rises above this share warn. */
export const COST_RISE_WARNING = 0.1;
/** Quality falls beyond this (a share of answers) warn; smaller moves are rounding. */
export const QUALITY_FALL_EPSILON = 0.0005;
export const VOLUME_DAYS = 7;

export type ImpactSide = {
  /** The classifier's name as the console shows it. */
  classifier: string;
  /** Expected share of answers judged adequate (0..1). */
  quality: number;
  costPer1k: number;
  costPerMonth: number;
  /** Share of requests per policy tier. */
  shares: number[];
};

export type ImpactFigures = {
  before: ImpactSide;
  after: ImpactSide;
  /** Relative change of the cost (null when the cost before is 0). */
  costChange: number | null;
  /** Change of the share of adequate answers (after − before). */
  qualityChange: number;
  requestsLastWeek: number;
  monthlyRequests: number;
  /** Requests both projections were decided on. */
  n: number;
  warnings: string[];
};

/** Requests a month at the pace of the last VOLUME_DAYS days. */
export function monthlyVolume(requestsLastWeek: number): number {
  return Math.round((requestsLastWeek * 30) / VOLUME_DAYS);
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** What a reviewer must not miss: cost up more than 10%, any fall of quality. */
export function impactWarnings(before: Pick<ImpactSide, "quality" | "costPer1k">, after: Pick<ImpactSide, "quality" | "costPer1k">): string[] {
  const warnings: string[] = [];
  // a hair above the line (float noise of exactly +10%) does not warn
  if (before.costPer1k > 0 && after.costPer1k / before.costPer1k - 1 > COST_RISE_WARNING + 1e-9) {
    warnings.push(`Cost rises by ${pct(after.costPer1k / before.costPer1k - 1)} (more than ${pct(COST_RISE_WARNING).replace(".0", "")}).`);
  } else if (before.costPer1k === 0 && after.costPer1k > 0) warnings.push("Cost rises from nothing.");
  if (before.quality - after.quality > QUALITY_FALL_EPSILON) warnings.push(`Quality falls by ${((before.quality - after.quality) * 100).toFixed(1)} points of adequate answers.`);
  return warnings;
}

type Input = {
  policy: PolicyConfig;
  tiers: TierLookup;
  /** The same requests, p from the active classifier / from the candidate. */
  beforeRows: readonly ProjectionRow[];
  afterRows: readonly ProjectionRow[];
  names: { before: string; after: string };
  requestsLastWeek: number;
};

export function compareImpact({ policy, tiers, beforeRows, afterRows, names, requestsLastWeek }: Input): ImpactFigures {
  const monthlyRequests = monthlyVolume(requestsLastWeek);
  const side = (rows: readonly ProjectionRow[], classifier: string): ImpactSide => {
    const p = projectBias(rows, policy, tiers, policy.bias);
    return { classifier, quality: p.quality, costPer1k: p.costPer1k, costPerMonth: (p.costPer1k / 1000) * monthlyRequests, shares: p.shares };
  };
  const before = side(beforeRows, names.before);
  const after = side(afterRows, names.after);
  return {
    before,
    after,
    costChange: before.costPer1k > 0 ? after.costPer1k / before.costPer1k - 1 : null,
    qualityChange: after.quality - before.quality,
    requestsLastWeek,
    monthlyRequests,
    n: Math.min(beforeRows.length, afterRows.length),
    warnings: impactWarnings(before, after),
  };
}
