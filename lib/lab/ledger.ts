/**
 * The ledger: "is routing paying off?" for a policy and a time range, from the rollups. Pure:
 * aggregates in, figures and a verdict out (get-ledger.ts does the I/O).
 *
 *   baseline  what the answers would have cost on the policy's most capable tier
 *   actual    what was paid: every attempt, including answers thrown away (escalation waste)
 *             and hedges' losing legs (hedge waste), and failed calls' billed prompts
 *   shadow    what shadow evaluation spent (shadow calls and judging): an overhead of the router
 *   net saving = baseline − actual − shadow, as a share of the baseline
 *   quality   the mean P(the answering tier was enough) from the calibrated classifier, over the
 *             requests it scored (the most capable tier counts as enough: the baseline's 1.0);
 *             reviewer labels of the random sample give the measured too-weak rate beside it
 *
 * The verdict follows the decision rules of DESIGN.md, each a check with its number: one tier
 * serving nearly everything, a saving under the product owner's threshold, waste eating the
 * saving, escalations over the latency budget, expected quality loss priced above the saving.
 */
import type { LedgerRow } from "../db/ledger-repo";
import { OVERHEAD_LAYOUT } from "../db/rollup-histograms";
import { addHistograms, latencyQuantile } from "../monitoring/histograms";
import type { PolicyConfig } from "../routing/config-schema";

export type Percentiles = { p50: number | null; p95: number | null };

export type LedgerReason = { ok: boolean; check: "traffic" | "mix" | "savings" | "waste" | "latency" | "quality"; text: string };

export type Ledger = {
  policy: string | null;
  from: string;
  to: string;
  requests: number;
  errors: number;
  baselineUsd: number;
  actualUsd: number;
  escalationWasteUsd: number;
  hedgeWasteUsd: number;
  /** Exploration's extra cost over the policy's own choices (estimated; negative = it saved). */
  exploreCostUsd: number;
  explored: number;
  /** Shadow evaluation's calls and judging, and the pairs they produced. */
  shadowUsd: number;
  shadowPairs: number;
  netSavingsUsd: number;
  netSavingsPct: number | null;
  escalationRate: number | null;
  escalationLatencyMs: Percentiles;
  routerOverheadMs: Percentiles;
  tierShares: Array<{ tier: string; requests: number; share: number }>;
  quality: {
    /** Mean P(answering tier enough) over the requests the classifier scored; null when none. */
    estimate: number | null;
    baseline: 1;
    scoredRequests: number;
    /** Reviewer labels of the random sample: share judged too weak (null without labels). */
    labeledTooWeakRate: number | null;
    labeledSample: number;
    /** Answers likely not good enough, priced at the policy's λ (USD per wrong answer): from the
     *  reviewers' too-weak rate when the random sample has MIN_LABELS labels (direct evidence),
     *  else from the classifier's estimate over the requests it scored. */
    expectedLossUsd: number | null;
    lossBasis: "labels" | "classifier" | null;
  };
  verdict: { worthIt: boolean; reasons: LedgerReason[] };
};

export type LedgerInput = {
  policy: string | null;
  range: { from: Date; to: Date };
  rows: readonly LedgerRow[];
  /** Verdict thresholds (the policy's, or the defaults for the all-policies ledger). */
  thresholds: PolicyConfig["verdict"];
  /** Tier order for the shares (cheapest first). */
  tierOrder: readonly string[];
  /** Random-sample labels: how many, and how many said the tier was too weak. */
  labels: { sample: number; tooWeak: number };
  /** USD per answer that is not good enough (the policy's λ at its bias); null across policies. */
  lambdaUsd: number | null;
  /** What shadow evaluation spent in the range. */
  shadow?: { pairs: number; usd: number };
};

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const usd = (x: number) => `$${x < 0.01 && x > -0.01 ? x.toPrecision(2) : x.toFixed(2)}`;
const ms = (x: number | null) => (x === null ? "–" : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 2 : 0)} ms`);

/** Below this many requests a verdict says nothing. */
export const MIN_REQUESTS = 50;
/** Random-sample labels needed before they, not the classifier, price the quality loss. */
export const MIN_LABELS = 30;

function expectedLoss(input: LedgerInput, requests: number, scored: number, qualitySum: number): Pick<Ledger["quality"], "expectedLossUsd" | "lossBasis"> {
  if (input.lambdaUsd === null) return { expectedLossUsd: null, lossBasis: null };
  if (input.labels.sample >= MIN_LABELS) return { expectedLossUsd: (input.labels.tooWeak / input.labels.sample) * requests * input.lambdaUsd, lossBasis: "labels" };
  if (scored > 0) return { expectedLossUsd: (scored - qualitySum) * input.lambdaUsd, lossBasis: "classifier" };
  return { expectedLossUsd: null, lossBasis: null };
}

export function computeLedger(input: LedgerInput): Ledger {
  const { rows, thresholds } = input;
  const sum = (key: keyof Omit<LedgerRow, "policy" | "tier" | "overheadHist" | "escalationWaitHist">) => rows.reduce((s, r) => s + (Number(r[key]) || 0), 0);
  const requests = sum("requests");
  const baselineUsd = sum("baselineCostUsd");
  const actualUsd = sum("costUsd");
  const escalationWasteUsd = sum("escalationWasteUsd");
  const hedgeWasteUsd = sum("hedgeWasteUsd");
  const shadowUsd = input.shadow?.usd ?? 0;
  const netSavingsUsd = baselineUsd - actualUsd - shadowUsd;
  const netSavingsPct = baselineUsd > 0 ? (100 * netSavingsUsd) / baselineUsd : null;
  const overhead = rows.reduce<number[]>((h, r) => addHistograms(h, r.overheadHist ?? []), []);
  const wait = rows.reduce<number[]>((h, r) => addHistograms(h, r.escalationWaitHist ?? []), []);
  const byTier = new Map<string, number>();
  for (const r of rows) byTier.set(r.tier, (byTier.get(r.tier) ?? 0) + r.requests);
  const order = [...input.tierOrder.filter((t) => byTier.has(t)), ...[...byTier.keys()].filter((t) => !input.tierOrder.includes(t)).sort()];
  const tierShares = order.map((tier) => ({ tier, requests: byTier.get(tier)!, share: requests ? byTier.get(tier)! / requests : 0 }));
  const scored = sum("qualityN");
  const estimate = scored ? sum("qualitySum") / scored : null;
  const escalations = sum("escalations");
  const ledger: Omit<Ledger, "verdict"> = {
    policy: input.policy,
    from: input.range.from.toISOString(),
    to: input.range.to.toISOString(),
    requests,
    errors: sum("errors"),
    baselineUsd,
    actualUsd,
    escalationWasteUsd,
    hedgeWasteUsd,
    exploreCostUsd: sum("exploreCostUsd"),
    explored: sum("explored"),
    shadowUsd,
    shadowPairs: input.shadow?.pairs ?? 0,
    netSavingsUsd,
    netSavingsPct,
    escalationRate: requests ? escalations / requests : null,
    escalationLatencyMs: { p50: latencyQuantile(wait, 0.5), p95: latencyQuantile(wait, 0.95) },
    routerOverheadMs: { p50: latencyQuantile(overhead, 0.5, OVERHEAD_LAYOUT), p95: latencyQuantile(overhead, 0.95, OVERHEAD_LAYOUT) },
    tierShares,
    quality: {
      estimate,
      baseline: 1,
      scoredRequests: scored,
      labeledTooWeakRate: input.labels.sample ? input.labels.tooWeak / input.labels.sample : null,
      labeledSample: input.labels.sample,
      ...expectedLoss(input, requests, scored, sum("qualitySum")),
    },
  };
  return { ...ledger, verdict: verdict(ledger, thresholds) };
}

function verdict(l: Omit<Ledger, "verdict">, t: PolicyConfig["verdict"]): Ledger["verdict"] {
  const reasons: LedgerReason[] = [];
  if (l.requests < MIN_REQUESTS) {
    reasons.push({ ok: false, check: "traffic", text: `only ${l.requests} requests in the range: too few to judge (${MIN_REQUESTS} needed)` });
    return { worthIt: false, reasons };
  }
  const top = [...l.tierShares].sort((a, b) => b.share - a.share)[0];
  if (top && top.share >= t.dominantTierShare) {
    reasons.push({ ok: false, check: "mix", text: `one tier (${top.tier}) serves ${pct(top.share)} of requests (≥ ${pct(t.dominantTierShare)}): the traffic is not varied enough for routing to win much` });
  } else if (top) reasons.push({ ok: true, check: "mix", text: `the traffic is varied: the busiest tier (${top.tier}) serves ${pct(top.share)}` });

  if (l.netSavingsPct === null) reasons.push({ ok: false, check: "savings", text: "no answered requests to compare with the baseline" });
  else if (l.netSavingsPct < t.minSavingsPct) {
    reasons.push({ ok: false, check: "savings", text: `net saving ${l.netSavingsPct.toFixed(1)}% (${usd(l.netSavingsUsd)} of ${usd(l.baselineUsd)}) is under the ${t.minSavingsPct}% that makes routing worth it` });
  } else reasons.push({ ok: true, check: "savings", text: `saves ${l.netSavingsPct.toFixed(1)}% net (${usd(l.netSavingsUsd)} of ${usd(l.baselineUsd)}), after every escalation, hedge and failed call${l.shadowUsd > 0 ? ` and ${usd(l.shadowUsd)} of shadow evaluation` : ""}` });

  const waste = l.escalationWasteUsd + l.hedgeWasteUsd;
  const gross = l.netSavingsUsd + waste;
  if (waste > 0 && gross > 0) {
    const share = waste / gross;
    const text = `escalation and hedge waste (${usd(l.escalationWasteUsd)} + ${usd(l.hedgeWasteUsd)}) is ${pct(share)} of the gross saving`;
    reasons.push({ ok: share < t.maxWasteShare, check: "waste", text: share < t.maxWasteShare ? text : `${text}: it eats most of it (limit ${pct(t.maxWasteShare)})` });
  } else if (waste > 0) reasons.push({ ok: false, check: "waste", text: `${usd(waste)} of escalation and hedge waste with no saving to pay for it` });

  const p95 = l.escalationLatencyMs.p95;
  if (p95 !== null) {
    const over = p95 > t.escalationLatencyBudgetMs;
    reasons.push({ ok: !over, check: "latency", text: `escalations (${pct(l.escalationRate ?? 0)} of requests) add ${ms(l.escalationLatencyMs.p50)} p50, ${ms(p95)} p95${over ? `, over the ${ms(t.escalationLatencyBudgetMs)} budget` : ` (budget ${ms(t.escalationLatencyBudgetMs)})`}` });
  }

  const q = l.quality;
  if (q.estimate !== null || q.labeledTooWeakRate !== null) {
    const parts = [
      q.estimate !== null ? `expected quality ${q.estimate.toFixed(3)} vs 1.000 on the most capable tier (${q.scoredRequests} requests scored by the classifier)` : null,
      q.labeledTooWeakRate !== null ? `reviewers found ${pct(q.labeledTooWeakRate)} of ${q.labeledSample} random-sample answers too weak` : null,
    ].filter(Boolean);
    const priced = q.expectedLossUsd !== null ? `; priced at the policy's cost of a wrong answer that is ${usd(q.expectedLossUsd)} (from the ${q.lossBasis === "labels" ? "labels" : "classifier"})` : "";
    const tooCostly = q.expectedLossUsd !== null && l.netSavingsUsd > 0 && q.expectedLossUsd > l.netSavingsUsd;
    reasons.push({ ok: !tooCostly, check: "quality", text: `${parts.join("; ")}${priced}${tooCostly ? ", more than the saving" : ""}` });
  }
  return { worthIt: reasons.every((r) => r.ok), reasons };
}
