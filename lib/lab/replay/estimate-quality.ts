/**
 * Off-policy quality estimates over replayed requests. For each request the model gives
 * Q̂(tier) = P(tier enough) from the calibrated classifier; direct evidence is the random-sample
 * reviewer label of the answer the logged decision produced (1 adequate, 0 too weak), observed
 * with probability ρ (the labeling rate) × the decision's propensity for its tier. Three
 * estimators of the candidate's mean quality (Dudík et al., "Doubly robust policy evaluation"):
 *   model  mean Q̂(a′)
 *   IPS    mean w·r,               w = 1{a′ = a} · L / (ρ · π₀(a))
 *   DR     mean Q̂(a′) + w·(r − Q̂(a))
 * with an interval from the DR terms' spread, and the effective sample size of the weights
 * ESS = (Σw)² / Σw² — how many requests the correction really rests on.
 */
export type QualityEstimate = {
  /** The estimate reported: DR when direct evidence exists, else the model's. */
  value: number | null;
  low: number | null;
  high: number | null;
  method: "doubly-robust" | "model";
  model: number | null;
  ips: number | null;
  dr: number | null;
  /** Requests with direct evidence on the tier the candidate picks, and from which source. */
  evidence: number;
  evidenceBySource: { label: number; shadow: number };
  ess: number | null;
  /** Requests the estimate covers. */
  n: number;
};

export class QualityAccumulator {
  private n = 0;
  private model = 0;
  private ips = 0;
  private dr = 0;
  private drSq = 0;
  private modelSq = 0;
  private sumW = 0;
  private sumW2 = 0;
  private evidence = 0;
  private bySource = { label: 0, shadow: 0 };

  /**
   * `modelQuality`: Q̂(a′). `correction`: present when the request was labeled and the candidate
   * picks the logged tier — the label's reward, Q̂(a) and the weight 1 / (ρ · π₀(a)).
   */
  add(modelQuality: number, correction: { reward: number; modelLogged: number; weight: number; source?: "label" | "shadow" } | null) {
    this.n++;
    this.model += modelQuality;
    this.modelSq += modelQuality * modelQuality;
    let term = modelQuality;
    if (correction) {
      const { reward, modelLogged, weight } = correction;
      this.evidence++;
      this.bySource[correction.source ?? "label"]++;
      this.ips += weight * reward;
      term += weight * (reward - modelLogged);
      this.sumW += weight;
      this.sumW2 += weight * weight;
    }
    this.dr += term;
    this.drSq += term * term;
  }

  result(): QualityEstimate {
    const { n } = this;
    if (n === 0) return { value: null, low: null, high: null, method: "model", model: null, ips: null, dr: null, evidence: 0, evidenceBySource: { label: 0, shadow: 0 }, ess: null, n: 0 };
    const model = this.model / n;
    const spread = (sum: number, sq: number) => 1.96 * Math.sqrt(Math.max(0, sq / n - (sum / n) ** 2) / n);
    if (this.evidence === 0) {
      const half = spread(this.model, this.modelSq);
      return { value: model, low: Math.max(0, model - half), high: Math.min(1, model + half), method: "model", model, ips: null, dr: null, evidence: 0, evidenceBySource: { ...this.bySource }, ess: null, n };
    }
    const dr = this.dr / n;
    const half = spread(this.dr, this.drSq);
    return {
      value: Math.min(1, Math.max(0, dr)),
      low: Math.max(0, dr - half),
      high: Math.min(1, dr + half),
      method: "doubly-robust",
      model,
      ips: this.ips / n,
      dr,
      evidence: this.evidence,
      evidenceBySource: { ...this.bySource },
      ess: this.sumW2 > 0 ? (this.sumW * this.sumW) / this.sumW2 : null,
      n,
    };
  }
}
