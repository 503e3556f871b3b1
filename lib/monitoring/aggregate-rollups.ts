/**
 * Folds request-log rows into RequestRollup deltas (one per hour × policy × tier × stage ×
 * status × isDemo), which the writer adds to the table with ON CONFLICT DO UPDATE. Pure and
 * cheap: a few field reads per row, run by the batch writer off the response path.
 */
import { decidingProbability, LATENCY_BUCKETS, latencyBucket, PSCORE_BINS, pScoreBin } from "./histograms";

export const HOUR_MS = 3_600_000;

export type RollupSource = {
  createdAt?: Date | string | null;
  policyName?: string | null;
  tierName?: string | null;
  stage: string;
  status: string;
  isDemo?: boolean | null;
  escalated?: boolean | null;
  hedged?: boolean | null;
  costUsd?: number | null;
  baselineCostUsd?: number | null;
  totalMs?: number | null;
  scores?: unknown;
};

export type RollupDelta = {
  bucket: string; // ISO hour start
  policy: string;
  tier: string;
  stage: string;
  status: string;
  isDemo: boolean;
  requests: number;
  escalations: number;
  hedges: number;
  costUsd: number;
  baselineCostUsd: number;
  totalMs: number;
  latencyHist: number[];
  pScoreHist: number[];
};

export function hourStart(at: Date | string | number): string {
  const ms = new Date(at).getTime();
  return new Date(Math.floor(ms / HOUR_MS) * HOUR_MS).toISOString();
}

/** Deltas sorted by key, so concurrent writers lock rollup rows in the same order. */
export function aggregateRollups(rows: readonly RollupSource[], now = Date.now()): RollupDelta[] {
  const byKey = new Map<string, RollupDelta>();
  for (const r of rows) {
    const bucket = hourStart(r.createdAt ?? now);
    const policy = r.policyName ?? "";
    const tier = r.tierName ?? "";
    const isDemo = r.isDemo === true;
    const key = `${bucket}\u0000${policy}\u0000${tier}\u0000${r.stage}\u0000${r.status}\u0000${isDemo ? 1 : 0}`;
    let d = byKey.get(key);
    if (!d) {
      d = {
        bucket, policy, tier, stage: r.stage, status: r.status, isDemo,
        requests: 0, escalations: 0, hedges: 0, costUsd: 0, baselineCostUsd: 0, totalMs: 0,
        latencyHist: new Array<number>(LATENCY_BUCKETS).fill(0),
        pScoreHist: new Array<number>(PSCORE_BINS).fill(0),
      };
      byKey.set(key, d);
    }
    const ms = r.totalMs ?? 0;
    d.requests++;
    if (r.escalated) d.escalations++;
    if (r.hedged) d.hedges++;
    d.costUsd += r.costUsd ?? 0;
    d.baselineCostUsd += r.baselineCostUsd ?? 0;
    d.totalMs += ms;
    d.latencyHist[latencyBucket(ms)]!++;
    const p = decidingProbability(r.scores);
    if (p !== null) d.pScoreHist[pScoreBin(p)]!++;
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, d]) => d);
}
