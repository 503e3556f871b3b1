/**
 * The bias slider's projection on the policy's own traffic: the last TRAFFIC_DAYS of answered
 * requests, each with the classifier's output (re-scored by the classifier the gateway uses now
 * when the prompt is stored, else the recorded scores when that same classifier made them), the
 * tokens it was billed, and a quality per tier — from direct evidence where there is some (a
 * reviewer's label, a graded shadow pair), else the calibrated classifier's P(tier enough).
 * Below MIN_TRAFFIC_ROWS such requests the shipped prior (outcome datasets) stands in, and the
 * sample says so. The ledger over the same days gives today's measured point beside the curve.
 */
import type { TierClassifier } from "../classifier/types";
import { loadGatewayConfig, type GatewayConfig } from "../config/load-gateway-config";
import { buildProjectionSample, ruleTierOf } from "../config/policy-projection";
import type { ProjectionSample } from "../config/policy-view";
import { countPolicyRequests } from "../db/ledger-repo";
import { readTrafficSample, type TrafficSampleRow } from "../db/projection-traffic-repo";
import { AppError } from "../http/app-error";
import { notEnoughProbabilities } from "../routing/choose-tier";
import type { ProjectionRow } from "../routing/project-bias";
import { readRequestText } from "../routing/request-text";
import { resolveClassifier, scoreRequest } from "../routing/score-request";
import type { ChatTurn, ConfigSnapshot } from "../routing/types";
import { monthlyVolume, VOLUME_DAYS } from "./compare-impact";
import { getLedger } from "./get-ledger";
import { servedLost } from "./shadow/plan-shadow";
import { parseTranscript } from "../routing/transcript";

export const TRAFFIC_DAYS = 14;
/** Requests needed before the policy's own traffic, not the prior, drives the projection. */
export const MIN_TRAFFIC_ROWS = 200;
export const MAX_TRAFFIC_ROWS = 2000;

export type Evidence = "labels" | "shadow" | "classifier";

/**
 * Quality per policy tier for one logged request: P(tier enough) from the classifier, overridden
 * by direct evidence — a label ("correct": the served tier and those above were enough; "should be
 * more capable": the served tier and those below were not, the named tier and above were; "should
 * be cheaper": the named tier and above were enough), else a shadow pair (the tier above winning:
 * the served tier was not enough; a tie, equal calls or the served answer winning: it was). Larger
 * tiers are taken to be at least as good as smaller ones.
 */
export function evidenceScores(enough: readonly number[], tiers: readonly string[], served: string, label: TrafficSampleRow["label"], shadow: TrafficSampleRow["shadow"]): { score: number[]; evidence: Evidence } {
  const score = [...enough];
  const at = (t: string | null | undefined) => (t ? tiers.indexOf(t) : -1);
  const set = (from: number, to: number, value: number) => {
    for (let k = Math.max(0, from); k <= Math.min(tiers.length - 1, to); k++) score[k] = value;
  };
  const s = at(served);
  if (s < 0) return { score, evidence: "classifier" };
  const top = tiers.length - 1;
  if (label) {
    const named = at(label.correctTier);
    if (label.verdict === "correct") set(s, top, 1);
    else if (label.verdict === "should-be-more-capable") {
      set(0, s, 0);
      set(named > s ? named : s + 1, top, 1);
    } else {
      set(s, top, 1);
      if (named >= 0 && named < s) set(named, top, 1);
    }
    return { score, evidence: "labels" };
  }
  if (shadow && shadow.servedTier === served) {
    const t = at(shadow.shadowTier);
    if (servedLost(shadow.verdict)) {
      set(0, s, 0);
      if (t > s) set(t, top, 1);
    } else set(s, top, 1);
    return { score, evidence: "shadow" };
  }
  return { score, evidence: "classifier" };
}

export type SampleOptions = {
  /** The gateway's config, when the caller has loaded it already. */
  loaded?: GatewayConfig;
  /**
   * Route with this classifier instead of the active one (a candidate's promotion impact): each
   * row's p is this classifier's, its quality per tier still the active classifier's estimate or
   * direct evidence, so two samples with different `routeWith` are judged alike. Only requests
   * with a stored prompt can be re-scored: the others are left out.
   */
  routeWith?: TierClassifier;
};

/** The snapshot with `classifier` as the policy's trained classifier. */
export function withClassifier(snapshot: ConfigSnapshot, policyName: string, classifier: TierClassifier): ConfigSnapshot {
  return { ...snapshot, classifiers: new Map(snapshot.classifiers).set(policyName, classifier) };
}

/** The projection's sample for the policy: its own traffic when there is enough, else the prior; with the policy's current volume. */
export async function projectionSample(policyName: string, now = new Date(), opts: SampleOptions = {}): Promise<ProjectionSample> {
  const [sample, volume] = await Promise.all([sampleOf(policyName, now, opts), currentVolume(policyName, now)]);
  return { ...sample, volume };
}

/** Requests of the policy in the last VOLUME_DAYS days and that pace over a 30-day month. */
async function currentVolume(policyName: string, now: Date): Promise<ProjectionSample["volume"]> {
  const requestsLastWeek = await countPolicyRequests(policyName, new Date(now.getTime() - VOLUME_DAYS * 86_400_000), now);
  return { requestsLastWeek, monthlyRequests: monthlyVolume(requestsLastWeek) };
}

async function sampleOf(policyName: string, now: Date, opts: SampleOptions): Promise<ProjectionSample> {
  const loaded = opts.loaded ?? (await loadGatewayConfig());
  const { snapshot } = loaded;
  const routing = opts.routeWith ? withClassifier(snapshot, policyName, opts.routeWith) : snapshot;
  const policy = snapshot.policies.get(policyName);
  if (!policy) throw new AppError("not_found", `No policy named "${policyName}".`);
  const tiers = policy.tiers;
  if (tiers.length < 2) return buildProjectionSample(policyName, { snapshot: routing });
  const from = new Date(now.getTime() - TRAFFIC_DAYS * 86_400_000);
  const logged = await readTrafficSample({ policy: policyName, from, to: now, limit: MAX_TRAFFIC_ROWS });
  const { classifier } = resolveClassifier(routing, policyName, tiers.length);
  const classifierId = classifier?.id ?? "builtin";

  const rows: ProjectionRow[] = [];
  const evidence = { labels: 0, shadow: 0, classifier: 0 };
  for (const r of logged) {
    if (!r.tierName || !tiers.includes(r.tierName)) continue;
    const messages: ChatTurn[] | null = r.prompt !== null ? parseTranscript(r.prompt) : null;
    let p: number[] | null = null;
    let judged: number[] | null = null;
    if (messages) {
      const scored = scoreRequest(routing, policyName, tiers.length, messages);
      if (scored.ok) p = scored.p;
      const judge = opts.routeWith ? scoreRequest(snapshot, policyName, tiers.length, messages) : scored;
      if (judge.ok) judged = judge.p;
    } else if (!opts.routeWith && r.p && r.p.length === tiers.length - 1 && r.classifierId === classifierId) p = judged = r.p;
    if (!p || !judged) continue;
    const enough = notEnoughProbabilities(judged, tiers.length).map((q) => 1 - q);
    const { score, evidence: basis } = evidenceScores(enough, tiers, r.tierName, r.label, r.shadow);
    evidence[basis]++;
    const text = messages ? readRequestText(messages) : null;
    rows.push({
      p: p.map((v) => Math.round(v * 1e6) / 1e6),
      score,
      promptTokens: text?.promptTokens ?? r.promptTokens,
      billed: { promptTokens: r.promptTokens, completionTokens: r.completionTokens },
      ruleTier: text ? ruleTierOf(snapshot, policyName, tiers, text) : null,
    });
  }

  if (rows.length < MIN_TRAFFIC_ROWS) {
    const prior = await buildProjectionSample(policyName, { snapshot: routing });
    return { ...prior, basisNote: `Only ${rows.length} of this policy's requests in the last ${TRAFFIC_DAYS} days can be projected (${MIN_TRAFFIC_ROWS} needed): the shipped prior stands in.` };
  }
  const ledger = await getLedger({ policy: policyName, from, to: now });
  const perK = (usd: number) => (ledger.requests ? (1000 * usd) / ledger.requests : 0);
  return {
    policy: policyName,
    classifier: classifier ? { kind: classifier.kind, id: classifier.id } : { kind: "heuristic", id: "none" },
    models: tiers.map((t) => snapshot.tiers.get(t)?.model ?? ""),
    basis: "traffic",
    basisNote: `The newest ${rows.length.toLocaleString("en-US")} answered requests of the last ${TRAFFIC_DAYS} days: quality from reviewer labels on ${evidence.labels}, shadow pairs on ${evidence.shadow}, the calibrated classifier on ${evidence.classifier}.`,
    evidence,
    today: { bias: policy.bias, requests: ledger.requests, costPer1k: perK(ledger.actualUsd), quality: ledger.quality.estimate, wastePer1k: perK(ledger.escalationWasteUsd + ledger.hedgeWasteUsd), escalationRate: ledger.escalationRate, explored: ledger.explored },
    sources: [{ name: `own traffic, last ${TRAFFIC_DAYS} days`, rows: rows.length }],
    rows,
    ruleRows: rows.filter((r) => r.ruleTier !== null).length,
    emptyReason: null,
    volume: null,
  };
}
