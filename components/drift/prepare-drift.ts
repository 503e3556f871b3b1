/**
 * The drift API's answer → chart rows (pure): tier shares per window with the baseline shares,
 * PSI per window, last-stage and climbed shares, misroute rates (all labels vs random sample),
 * and the p-score histogram of the baseline against the current period.
 */
import { METRIC_COLORS, tierColor } from "@/components/charts/palette";
import type { Series } from "@/components/charts/time-series-chart";
import type { Drift } from "@/lib/monitoring/get-drift";
import { pointValue } from "@/lib/monitoring/rates";

type Row = Record<string, number | string | null>;

export function prepareTierShares(d: Drift): { data: Row[]; series: Series[] } {
  return {
    data: d.windows.map((w) => ({ t: w.t, ...Object.fromEntries(d.tiers.map((t) => [t, w.requests > 0 ? (w.tierShares[t] ?? 0) : null])) })),
    series: d.tiers.map((t) => ({ key: t, label: t, color: tierColor(t) })),
  };
}

export function preparePsi(d: Drift): { data: Row[]; series: Series[] } {
  return {
    data: d.windows.map((w) => ({ t: w.t, tierPsi: w.tierPsi, scorePsi: w.scorePsi })),
    series: [
      { key: "tierPsi", label: "Tier mix PSI", color: METRIC_COLORS.primary },
      { key: "scorePsi", label: "Score PSI", color: "#8b5cf6" },
    ],
  };
}

export function prepareLastStage(d: Drift): { data: Row[]; series: Series[] } {
  return {
    data: d.windows.map((w) => ({ t: w.t, lastStageShare: w.lastStageShare, climbedShare: w.climbedShare })),
    series: [
      { key: "lastStageShare", label: "Answered by the top tier", color: METRIC_COLORS.primary },
      { key: "climbedShare", label: "Escalated, hedged or fell back", color: METRIC_COLORS.warn },
    ],
  };
}

/**
 * Misroute rates per window, the same Rate objects as the KPIs (lib/monitoring/rates). A window
 * with fewer labels than MIN_POINT_LABELS is a gap in its line; its n is in the tooltip.
 */
export function prepareMisroute(d: Drift): { data: Row[]; series: Series[] } {
  return {
    data: d.windows.map((w) => ({
      t: w.t,
      quality: pointValue(w.misroute.qualityAll),
      cost: pointValue(w.misroute.costAll),
      randomQuality: pointValue(w.misroute.quality),
      randomCost: pointValue(w.misroute.cost),
      nAll: w.misroute.labeled,
      nRandom: w.misroute.randomLabeled,
    })),
    series: [
      { key: "randomQuality", label: "Quality errors (random sample)", color: METRIC_COLORS.bad, nKey: "nRandom" },
      { key: "randomCost", label: "Cost errors (random sample)", color: METRIC_COLORS.warn, nKey: "nRandom" },
      { key: "quality", label: "Quality errors (all labels)", color: "#fca5a5", nKey: "nAll" },
      { key: "cost", label: "Cost errors (all labels)", color: "#fcd34d", nKey: "nAll" },
    ],
  };
}

export function prepareScoreHistogram(d: Drift): { data: Row[]; series: Series[] } {
  const bins = Math.max(d.baseline.scoreShares.length, d.current.scoreShares.length);
  return {
    data: Array.from({ length: bins }, (_, i) => ({
      bin: `${(i / bins).toFixed(2)}`,
      baseline: d.baseline.scoreShares[i] ?? 0,
      current: d.current.scoreShares[i] ?? 0,
    })),
    series: [
      { key: "baseline", label: "Baseline", color: METRIC_COLORS.secondary },
      { key: "current", label: "Current", color: "#8b5cf6" },
    ],
  };
}

/** The window with the largest tier-mix PSI (the page names it). */
export function worstWindow(d: Drift): { t: string; tierPsi: number } | null {
  let best: { t: string; tierPsi: number } | null = null;
  for (const w of d.windows) if (w.tierPsi !== null && (!best || w.tierPsi > best.tierPsi)) best = { t: w.t, tierPsi: w.tierPsi };
  return best;
}
