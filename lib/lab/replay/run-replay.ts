/**
 * Replays a policy's logged traffic of a range through a candidate (replay-request.ts), streamed
 * page by page (memory stays flat), and reports what would change: tiers and their direction,
 * cost, quality with an interval, escalations, added latency. No upstream is called.
 */
import { overviewLatency } from "../../db/overview-repo";
import { LATENCY_BUCKETS } from "../../db/rollup-histograms";
import { confidentAnswerLabels, replayCounts, streamReplayRows, type ReplayRow } from "../../db/replay-repo";
import { latencyQuantile } from "../../monitoring/histograms";
import { createRng } from "../../providers/simulated-random";
import type { AttemptRecord } from "../../routing/execution/attempt-record";
import { loadCandidate, type Candidate } from "../candidate";
import type { LoggedRequest } from "./logged-request";
import { ReplayTally, type ReplayTotals } from "./replay-report";
import { replayRequest, type ReplayContext } from "./replay-request";

export type ReplayQuery = { policy: string; from: Date; to: Date; candidate: Candidate; seed?: number; reference?: ReplayContext["reference"] };

export type ReplayReport = ReplayTotals & {
  policy: string;
  from: string;
  to: string;
  /** The random-sample labeling rate of the logged traffic (labels ÷ requests): ρ of the estimators. */
  labelRate: number;
  /** The share of logged requests with a graded shadow pair. */
  shadowRate: number;
  method: string;
  ms: number;
};

const PROGRESS_EVERY = 250;
const LABELS = new Set(["correct", "should-be-cheaper", "should-be-more-capable"]);

export function toLoggedRequest(row: ReplayRow): LoggedRequest {
  return {
    id: row.id,
    createdAt: row.createdAt,
    policy: row.policyName,
    servedTier: row.status === "ok" ? row.tierName : null,
    prompt: row.prompt,
    promptTokens: row.promptTokens,
    completionTokens: row.completionTokens,
    costUsd: row.costUsd,
    status: row.status,
    decision: row.decision as LoggedRequest["decision"],
    attempts: (row.attempts ?? []) as AttemptRecord[],
    randomLabel: row.randomLabel && LABELS.has(row.randomLabel) ? (row.randomLabel as LoggedRequest["randomLabel"]) : null,
    shadow: row.shadow,
  };
}

/** Median latency per tier over the range (rollups), for calls the log has no record of. */
async function tierLatencies(from: Date, to: Date): Promise<(tier: string) => number> {
  const entries = await overviewLatency({ from, to, bucketMs: 3_600_000, source: "rollup" });
  const hists = new Map<string, number[]>();
  for (const e of entries) {
    const h = hists.get(e.tier) ?? new Array<number>(LATENCY_BUCKETS).fill(0);
    h[e.idx] = e.count;
    hists.set(e.tier, h);
  }
  const medians = new Map([...hists].map(([tier, h]) => [tier, latencyQuantile(h, 0.5) ?? 1000]));
  return (tier) => medians.get(tier) ?? 1000;
}

/** The prior that answers the confidence check lets through are adequate, in labels' worth. */
export const PRIOR_LABELS = 2;

export const METHOD = [
  "Each logged request is decided again by the candidate and executed by the gateway's own step machine on a virtual clock.",
  "Outcomes come from the log where the request reached that tier (time, tokens, confidence), else are estimated: the logged tokens at the tier's prices and its median latency; where escalation may follow, the answer is confident with the classifier's P(tier enough) — and then adequate as often as reviewers found let-through answers of that tier (shrunk toward always, by two labels' worth) — or unsure and escalated, both branches weighted.",
  "Quality: doubly robust — the calibrated classifier's P(tier enough) per request, corrected by direct evidence where the candidate serves a tier the evidence speaks for: a random-sample reviewer label of the logged answer, or a graded shadow pair (the logged answer against the next tier's), weighted by 1 / (the chance such evidence exists × the decision's propensity); the model alone without evidence.",
].join(" ");

export async function runReplay(q: ReplayQuery, onProgress?: (done: number, total: number) => void): Promise<ReplayReport> {
  const started = Date.now();
  const [world, counts, latencyMs, confident] = await Promise.all([loadCandidate(q.candidate, q.policy), replayCounts(q), tierLatencies(q.from, q.to), confidentAnswerLabels(q)]);
  const labelRate = counts.requests ? counts.randomLabels / counts.requests : 0;
  const shadowRate = counts.requests ? Math.min(1, counts.shadowPairs / counts.requests) : 0;
  // shrunk toward "what the confidence check lets through is adequate" (worth PRIOR_LABELS labels)
  const confidentAdequacy = (tier: string) => {
    const c = confident.get(tier) ?? { labeled: 0, adequate: 0 };
    return (c.adequate + PRIOR_LABELS) / (c.labeled + PRIOR_LABELS);
  };
  const ctx: ReplayContext = { snapshot: world.snapshot, policy: q.policy, latencyMs, rng: createRng(q.seed ?? 1), labelRate, shadowRate, classifierChanged: world.classifierChanged, confidentAdequacy, reference: q.reference };
  const tally = new ReplayTally(world.snapshot.policies.get(q.policy)!.tiers);
  let done = 0;
  for await (const page of streamReplayRows(q)) {
    for (const row of page) {
      const logged = toLoggedRequest(row);
      tally.add(logged, await replayRequest(ctx, logged));
      if (++done % PROGRESS_EVERY === 0) onProgress?.(done, Math.max(done, counts.requests));
    }
  }
  onProgress?.(done, done);
  return { ...tally.totals(), policy: q.policy, from: q.from.toISOString(), to: q.to.toISOString(), labelRate, shadowRate, method: METHOD, ms: Date.now() - started };
}
