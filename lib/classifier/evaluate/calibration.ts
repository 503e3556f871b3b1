/**
 * Calibration of P(needs tier >= k): expected calibration error over equal-width bins and the
 * reliability table. Per head k the event is "label >= k"; the pooled figure puts every
 * (p_k, event_k) pair of every head into the same bins.
 */
import type { EvalRow } from "./eval-types";

export type ReliabilityBin = { lo: number; hi: number; count: number; meanP: number; observed: number };

export type CalibrationReport = { ece: number; bins: ReliabilityBin[] };

/** ECE = sum over bins of (bin count / n) * |mean p - observed frequency|. */
export function calibrationOf(pairs: ReadonlyArray<readonly [number, number]>, binCount = 10): CalibrationReport {
  const count = new Array<number>(binCount).fill(0);
  const sumP = new Array<number>(binCount).fill(0);
  const sumY = new Array<number>(binCount).fill(0);
  for (const [p, y] of pairs) {
    const b = Math.min(binCount - 1, Math.max(0, Math.floor(p * binCount)));
    count[b]++;
    sumP[b] += p;
    sumY[b] += y;
  }
  let ece = 0;
  const bins: ReliabilityBin[] = [];
  for (let b = 0; b < binCount; b++) {
    const meanP = count[b] > 0 ? sumP[b] / count[b] : Number.NaN;
    const observed = count[b] > 0 ? sumY[b] / count[b] : Number.NaN;
    if (count[b] > 0) ece += (count[b] / pairs.length) * Math.abs(meanP - observed);
    bins.push({ lo: b / binCount, hi: (b + 1) / binCount, count: count[b], meanP, observed });
  }
  return { ece: pairs.length > 0 ? ece : Number.NaN, bins };
}

export type CalibrationSummary = { ece: number; perHead: CalibrationReport[] };

export function calibrationSummary(rows: readonly EvalRow[], binCount = 10): CalibrationSummary {
  const heads = rows.length > 0 ? rows[0].p.length : 0;
  const perHead: CalibrationReport[] = [];
  const pooled: Array<[number, number]> = [];
  for (let h = 0; h < heads; h++) {
    const pairs = rows.map((r) => [r.p[h], r.label >= h + 1 ? 1 : 0] as [number, number]);
    perHead.push(calibrationOf(pairs, binCount));
    pooled.push(...pairs);
  }
  return { ece: calibrationOf(pooled, binCount).ece, perHead };
}
