/**
 * Chooses the L2 strength by k-fold cross-validation on the training rows only: for each fold
 * and head, fits along the grid from strongest to weakest (warm starts), collects out-of-fold
 * margins, calibrates them (Platt or isotonic, against the hard labels) and scores the routing curve (APGR, generalized to N tiers). The
 * winner's out-of-fold margins also fit the final calibration (cross-fitting).
 */
import { fitIsotonic, fitPlatt, type Calibration } from "./calibrate";
import { fitLogistic, predictMargins, type LogisticModel } from "./fit-logistic";
import type { CsrMatrix } from "./sparse-matrix";
import { summarizeCurve } from "./evaluate/curve-metrics";
import { routingCurve } from "./evaluate/routing-curve";
import { calibratedVectors } from "./calibrated-vectors";
import type { LabeledRow } from "./derive-labels";

export type SelectionInput = {
  matrix: CsrMatrix;
  rows: readonly LabeledRow[];
  targets: Float64Array[];
  hardLabels: Float64Array[];
  folds: Int32Array;
  foldCount: number;
  grid: number[];
  weights: number[];
  maxIterations: number;
  calibration: "platt" | "isotonic";
  onProgress?: (done: number, total: number) => void;
};

export type SelectionResult = { l2: number; apgr: number; byL2: Array<{ l2: number; apgr: number }>; calibrations: Calibration[] };

function foldRows(folds: Int32Array, f: number, inFold: boolean): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < folds.length; i++) if ((folds[i] === f) === inFold) out.push(i);
  return Int32Array.from(out);
}

/** oof[g][h][i]: out-of-fold margin of row i for grid entry g and head h. */
function outOfFoldMargins(s: SelectionInput): Float64Array[][] {
  const heads = s.targets.length;
  const grid = [...s.grid].sort((a, b) => b - a);
  const oof = s.grid.map(() => Array.from({ length: heads }, () => new Float64Array(s.rows.length)));
  const total = s.foldCount * heads * grid.length;
  let done = 0;
  for (let f = 0; f < s.foldCount; f++) {
    const train = foldRows(s.folds, f, false);
    const test = foldRows(s.folds, f, true);
    for (let h = 0; h < heads; h++) {
      let init: LogisticModel | undefined;
      for (const l2 of grid) {
        init = fitLogistic(s.matrix, train, s.targets[h], { l2, init, maxIterations: s.maxIterations });
        const z = predictMargins(s.matrix, test, init);
        const out = oof[s.grid.indexOf(l2)][h];
        test.forEach((r, j) => (out[r] = z[j]));
        s.onProgress?.(++done, total);
      }
    }
  }
  return oof;
}

export function selectRegularization(s: SelectionInput): SelectionResult {
  const oof = outOfFoldMargins(s);
  const results = s.grid.map((l2, g) => {
    const fit = s.calibration === "isotonic" ? fitIsotonic : fitPlatt;
    const calibrations = oof[g].map((z, h) => fit(z, s.hardLabels[h]));
    const p = calibratedVectors(oof[g], calibrations);
    const evalRows = s.rows.map((r, i) => ({ id: r.row.id, p: p[i], scores: r.scores, label: r.label }));
    const apgr = summarizeCurve(routingCurve(evalRows, s.weights)).apgr;
    return { l2, apgr: Number.isFinite(apgr) ? apgr : -Infinity, calibrations };
  });
  // best APGR; on a near-tie (< 0.002) prefer the stronger regularization
  const order = [...results].sort((a, b) => b.l2 - a.l2);
  let best = order[0];
  for (const r of order) if (r.apgr > best.apgr + 0.002) best = r;
  return { l2: best.l2, apgr: best.apgr, byL2: results.map(({ l2, apgr }) => ({ l2, apgr })), calibrations: best.calibrations };
}
