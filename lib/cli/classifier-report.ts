/**
 * The readable report of `frontdesk eval`: summary table (ours, TF-IDF + LR, random, oracle),
 * operating point with misroutes and baselines, calibration bins and the per-tag breakdown.
 */
import type { EvalReport } from "../classifier/evaluate/evaluate-router";
import type { CurveSummary } from "../classifier/evaluate/curve-metrics";

export type EvalOutput = {
  data: string;
  mode: string;
  tiers: string[];
  model: string;
  rows: number;
  skipped: number;
  ours: EvalReport;
  tfidf?: EvalReport;
};

const num = (x: number, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : "n/a");
const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : "n/a");

function summaryRow(name: string, s: CurveSummary, ece?: number): string {
  return `  ${name.padEnd(28)} ${num(s.apgr).padStart(7)} ${pct(s.cpt50).padStart(8)} ${pct(s.cpt80).padStart(8)} ${pct(s.cpt95).padStart(8)} ${(ece === undefined ? "-" : num(ece)).padStart(7)}`;
}

function summaryTable(o: EvalOutput): string[] {
  const r = o.ours;
  const xLabel = o.tiers.length === 2 ? "x = share of calls to the most capable tier" : "x = normalized cost (0 = all cheapest, 1 = all most capable)";
  const lines = [`  ${"router".padEnd(28)} ${"APGR".padStart(7)} ${"CPT50".padStart(8)} ${"CPT80".padStart(8)} ${"CPT95".padStart(8)} ${"ECE".padStart(7)}`];
  lines.push(summaryRow(`ours (${o.model})`, r.summary, r.calibration.ece));
  if (o.tfidf) lines.push(summaryRow("tf-idf + logistic regression", o.tfidf.summary, o.tfidf.calibration.ece));
  lines.push(summaryRow(o.tiers.length === 2 ? "random (expected)" : "random tier mix (expected)", r.baselines.random));
  lines.push(summaryRow("random (seeded scores)", r.baselines.random.empirical));
  lines.push(summaryRow("oracle", r.baselines.oracle.curve));
  lines.push(`  (${xLabel}; tier cost weights ${r.weights.map((w) => num(w, 2)).join(" / ")})`);
  return lines;
}

function pointLines(r: EvalReport, tiers: string[]): string[] {
  const p = r.point;
  const b = r.baselines;
  return [
    `Operating point (${p.rule}): shares ${p.shares.map((s, k) => `${tiers[k]} ${pct(s)}`).join(", ")}`,
    `  quality ${num(p.quality)} (PGR ${num(p.pgr)}), cost ${num(p.cost)}, label accuracy ${pct(p.accuracy)}`,
    `  misroutes: quality errors (sent too low) ${p.qualityErrors.count} = ${pct(p.qualityErrors.rate)}; cost errors (sent too high) ${p.costErrors.count} = ${pct(p.costErrors.rate)}`,
    `  random at the same shares: quality ${num(b.randomAtSameShares.quality)} (PGR ${num(b.randomAtSameShares.pgr)})`,
    `  always cheapest: quality ${num(b.alwaysCheapest.quality)}; always most capable: quality ${num(b.alwaysMostCapable.quality)}`,
    `  oracle (route to the label): quality ${num(b.oracle.quality)} (PGR ${num(b.oracle.pgr)}), cost ${num(b.oracle.cost)}`,
  ];
}

function calibrationLines(r: EvalReport): string[] {
  const lines = [`Calibration: ECE ${num(r.calibration.ece)} (pooled over heads)`];
  r.calibration.perHead.forEach((h, k) => {
    lines.push(`  head ${k + 1} P(needs tier >= ${k + 1}): ECE ${num(h.ece)}`);
    const bins = h.bins.filter((b) => b.count > 0).map((b) => `[${b.lo.toFixed(1)},${b.hi.toFixed(1)}) n=${b.count} p=${num(b.meanP, 2)} obs=${num(b.observed, 2)}`);
    for (let i = 0; i < bins.length; i += 3) lines.push(`    ${bins.slice(i, i + 3).join("   ")}`);
  });
  return lines;
}

function tagLines(r: EvalReport): string[] {
  const lines: string[] = [];
  for (const [key, groups] of Object.entries(r.perTag)) {
    lines.push(`Per ${key}:`, `  ${"value".padEnd(24)} ${"n".padStart(5)} ${"APGR".padStart(7)} ${"CPT50".padStart(7)} ${"up".padStart(7)} ${"q-err".padStart(7)} ${"c-err".padStart(7)}`);
    for (const g of groups) {
      const up = 1 - g.point.shares[0];
      lines.push(`  ${g.value.slice(0, 24).padEnd(24)} ${String(g.n).padStart(5)} ${num(g.summary.apgr).padStart(7)} ${pct(g.summary.cpt50).padStart(7)} ${pct(up).padStart(7)} ${pct(g.point.qualityErrors.rate).padStart(7)} ${pct(g.point.costErrors.rate).padStart(7)}`);
    }
  }
  return lines;
}

export function formatReport(o: EvalOutput): string {
  const head = `frontdesk eval (${o.mode}) on ${o.data}: ${o.rows} rows${o.skipped ? `, ${o.skipped} skipped (missing outcomes)` : ""}; tiers ${o.tiers.join(" -> ")}`;
  return [head, "", ...summaryTable(o), "", ...pointLines(o.ours, o.tiers), "", ...calibrationLines(o.ours), "", ...tagLines(o.ours)].join("\n") + "\n";
}
