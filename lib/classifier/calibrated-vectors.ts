/** From per-head margins to calibrated, non-increasing p-vectors (one per row). */
import { applyCalibration, type Calibration } from "./calibrate";

export function calibratedVectors(margins: readonly Float64Array[], calibrations: readonly Calibration[]): number[][] {
  const rows = margins.length > 0 ? margins[0].length : 0;
  const out: number[][] = [];
  for (let i = 0; i < rows; i++) {
    const p = new Array<number>(margins.length);
    let cap = 1;
    for (let h = 0; h < margins.length; h++) {
      cap = Math.min(cap, applyCalibration(calibrations[h], margins[h][i]));
      p[h] = cap;
    }
    out.push(p);
  }
  return out;
}
