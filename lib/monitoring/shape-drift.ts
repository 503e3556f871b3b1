/**
 * The drift answer from its SQL rows: per window the tier mix, the PSI of the tier mix and of
 * the p-score histogram against the baseline window, the share of requests that reached the
 * last stage of the cascade, and label-based misroute rates.
 *
 * Definitions (README "Drift"):
 * - last stage: the request was answered by its policy's most capable enabled tier, however it
 *   got there (picked, speculative, escalated, hedged, fell back). `climbedShare` is the part
 *   that needed more than the first pick: stages escalation, hedge or fallback.
 * - misroute rates: rates.ts (the one definition, each with its n and window); `quality` and
 *   `cost` are over the random-sample labels (unbiased), `qualityAll` and `costAll` over all labels.
 */
import { PSCORE_BINS } from "../db/rollup-histograms";
import { psi, psiByKey, toShares } from "./psi";
import { climbedRate, costMisrouteRate, qualityMisrouteRate, type RateWindow } from "./rates";
import { bucketStarts } from "./time-range";

export type MixRow = { t: Date | string | null; policy: string; tier: string; stage: string; status: string; requests: number };
export type ScoreRow = { t: Date | string | null; idx: number; count: number };
export type LabelRow = { t: Date | string | null; sample: string; verdict: string; count: number };

export const CLIMB_STAGES = new Set(["escalation", "hedge", "fallback"]);
/** Windows with fewer requests (or scored requests) get no PSI: too noisy to read. */
export const MIN_WINDOW_REQUESTS = 30;

export type MixStats = { requests: number; errors: number; byTier: Record<string, number>; lastStage: number; climbed: number };
export type LabelStats = { labeled: number; quality: number; cost: number; randomLabeled: number; randomQuality: number; randomCost: number };

export function mixStats(rows: readonly MixRow[], topTiers: ReadonlyMap<string, string>): MixStats {
  const s: MixStats = { requests: 0, errors: 0, byTier: {}, lastStage: 0, climbed: 0 };
  for (const r of rows) {
    s.requests += r.requests;
    if (r.status !== "ok") s.errors += r.requests;
    const tier = r.tier || "(none)";
    s.byTier[tier] = (s.byTier[tier] ?? 0) + r.requests;
    if (r.status === "ok" && r.tier && topTiers.get(r.policy) === r.tier) s.lastStage += r.requests;
    if (CLIMB_STAGES.has(r.stage)) s.climbed += r.requests;
  }
  return s;
}

export function scoreHistogram(rows: readonly ScoreRow[]): number[] {
  const h = new Array<number>(PSCORE_BINS).fill(0);
  for (const r of rows) if (r.idx >= 0 && r.idx < PSCORE_BINS) h[r.idx]! += r.count;
  return h;
}

export function labelStats(rows: readonly LabelRow[]): LabelStats {
  const s: LabelStats = { labeled: 0, quality: 0, cost: 0, randomLabeled: 0, randomQuality: 0, randomCost: 0 };
  for (const r of rows) {
    const random = r.sample === "random";
    s.labeled += r.count;
    if (random) s.randomLabeled += r.count;
    if (r.verdict === "should-be-more-capable") {
      s.quality += r.count;
      if (random) s.randomQuality += r.count;
    } else if (r.verdict === "should-be-cheaper") {
      s.cost += r.count;
      if (random) s.randomCost += r.count;
    }
  }
  return s;
}

const rate = (n: number, d: number) => (d > 0 ? n / d : null);

/** The misroute rates of one window: random-sample (unbiased) and all-label, each a Rate with its n and window. */
export function misrouteRates(s: LabelStats, window: RateWindow) {
  return {
    labeled: s.labeled,
    randomLabeled: s.randomLabeled,
    quality: qualityMisrouteRate(s, window),
    cost: costMisrouteRate(s, window),
    qualityAll: qualityMisrouteRate(s, window, "all"),
    costAll: costMisrouteRate(s, window, "all"),
  };
}

export type DriftWindow = {
  t: string;
  requests: number;
  tierShares: Record<string, number>;
  tierPsi: number | null;
  scorePsi: number | null;
  lastStageShare: number | null;
  climbedShare: number | null;
  misroute: ReturnType<typeof misrouteRates>;
};

const key = (t: Date | string | null) => (t === null ? -1 : new Date(t).getTime());

function groupBy<T extends { t: Date | string | null }>(rows: readonly T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const k = key(r.t);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

function shares(byTier: Record<string, number>, total: number): Record<string, number> {
  return Object.fromEntries(Object.entries(byTier).map(([k, v]) => [k, total > 0 ? v / total : 0]));
}

/** Score PSI needs more observations than the tier mix: it has 10 bins, most of them thin. */
export const MIN_WINDOW_SCORED = 100;

/** Adjacent bins merged `factor` at a time (20 stored p-score bins → 10 for PSI: less noise). */
export function coarsen(hist: readonly number[], factor: number): number[] {
  const out = new Array<number>(Math.ceil(hist.length / factor)).fill(0);
  hist.forEach((c, i) => (out[Math.floor(i / factor)]! += c));
  return out;
}

/**
 * PSI of the tier mix and of the p-score histogram (in 10 bins of 0.1) of `current` against
 * `baseline`; null when either side has fewer than `minRequests` (scores: `minScored`).
 */
export function comparePsi(
  baseline: { mix: MixStats; scores: number[] },
  current: { mix: MixStats; scores: number[] },
  minRequests = MIN_WINDOW_REQUESTS,
  minScored = Math.max(minRequests, MIN_WINDOW_SCORED),
) {
  const sum = (h: number[]) => h.reduce((s, c) => s + c, 0);
  return {
    tierPsi: baseline.mix.requests >= minRequests && current.mix.requests >= minRequests ? psiByKey(baseline.mix.byTier, current.mix.byTier) : null,
    scorePsi: sum(baseline.scores) >= minScored && sum(current.scores) >= minScored ? psi(coarsen(baseline.scores, 2), coarsen(current.scores, 2)) : null,
  };
}

export function driftWindows(
  range: { from: Date; to: Date; windowMs: number },
  rows: { mix: readonly MixRow[]; scores: readonly ScoreRow[]; labels: readonly LabelRow[] },
  baseline: { mix: MixStats; scores: number[] },
  topTiers: ReadonlyMap<string, string>,
): DriftWindow[] {
  const mix = groupBy(rows.mix);
  const scores = groupBy(rows.scores);
  const labels = groupBy(rows.labels);
  return bucketStarts(range.from, range.to, range.windowMs).map((t) => {
    const window = { from: new Date(t).toISOString(), to: new Date(Math.min(t + range.windowMs, range.to.getTime())).toISOString() };
    const m = mixStats(mix.get(t) ?? [], topTiers);
    const h = scoreHistogram(scores.get(t) ?? []);
    const { tierPsi, scorePsi } = comparePsi(baseline, { mix: m, scores: h });
    return {
      t: new Date(t).toISOString(),
      requests: m.requests,
      tierShares: shares(m.byTier, m.requests),
      tierPsi,
      scorePsi,
      lastStageShare: rate(m.lastStage, m.requests),
      climbedShare: climbedRate(m, window).rate,
      misroute: misrouteRates(labelStats(labels.get(t) ?? []), window),
    };
  });
}

export function summarize(mix: MixStats, scores: number[], window: RateWindow) {
  return {
    requests: mix.requests,
    tierShares: shares(mix.byTier, mix.requests),
    scoreShares: toShares(scores),
    scored: scores.reduce((s, c) => s + c, 0),
    lastStageShare: rate(mix.lastStage, mix.requests),
    climbedShare: climbedRate(mix, window).rate,
    errorRate: rate(mix.errors, mix.requests),
  };
}
