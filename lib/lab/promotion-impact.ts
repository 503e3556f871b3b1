/**
 * What promoting a classifier version would do to its policy, before anyone clicks Promote
 * (GET /api/admin/classifiers/:id/impact): the policy's projection sample (its own recent traffic,
 * else the shipped prior; lib/lab/traffic-projection.ts) routed at the saved bias once by the
 * classifier the gateway uses now and once by the candidate — the same requests, judged alike —
 * priced per 1,000 requests and per month at the last 7 days' volume. Bounded work: at most
 * MAX_TRAFFIC_ROWS requests with a stored prompt, each scored by both classifiers, plus the
 * sample's queries twice (a second or two under load: the dialog shows a loading state).
 */
import { loadClassifier } from "../classifier/load-classifier";
import type { TierClassifier } from "../classifier/types";
import { loadGatewayConfig } from "../config/load-gateway-config";
import { findClassifierVersion, listClassifierVersions } from "../db/classifier-repo";
import { AppError } from "../http/app-error";
import { resolveClassifier } from "../routing/score-request";
import { compareImpact, VOLUME_DAYS, type ImpactFigures } from "./compare-impact";
import { projectionSample } from "./traffic-projection";

export type PromotionImpact = ImpactFigures & {
  policy: string;
  bias: number;
  tiers: string[];
  /** "traffic": the policy's own recent requests; "prior": outcome datasets stand in. */
  basis: "traffic" | "prior";
  /** Where the requests came from, in words ("412 requests of this policy, last 14 days"). */
  source: string;
  notes: string[];
};

function describeSource(sample: Awaited<ReturnType<typeof projectionSample>>): string {
  const n = sample.rows.length.toLocaleString("en-US");
  if (sample.basis === "traffic") return `${n} requests of this policy with a stored prompt, ${sample.sources[0]?.name ?? "recent traffic"}`;
  return `${n} labeled demo rows (${sample.sources.map((s) => s.name).join(", ") || "outcome datasets"}), since this policy has too little traffic of its own`;
}

export async function promotionImpact(versionId: string, now = new Date()): Promise<PromotionImpact> {
  const version = await findClassifierVersion(versionId);
  if (!version) throw new AppError("not_found", "No such classifier version.");
  if (!version.policy) throw new AppError("conflict", "This classifier version belongs to no policy.");
  if (version.status === "active") throw new AppError("conflict", "This version is already active: there is nothing to compare it with.");
  if (version.status === "discarded") throw new AppError("conflict", "This version was discarded; it cannot be promoted.");
  let candidate: TierClassifier;
  try {
    candidate = loadClassifier(version.artifact);
  } catch (error) {
    throw new AppError("conflict", `This version's classifier cannot be loaded: ${(error as Error).message}`);
  }
  const policyName = version.policy.name;
  const loaded = await loadGatewayConfig();
  const policy = loaded.snapshot.policies.get(policyName);
  if (!policy) throw new AppError("not_found", `No policy named "${policyName}".`);
  const notes: string[] = [];
  if (candidate.tierCount !== policy.tiers.length) {
    notes.push(`${version.name} was built for ${candidate.tierCount} tiers and the policy now has ${policy.tiers.length}: the gateway would use the built-in scorer instead.`);
  }
  const { classifier: current } = resolveClassifier(loaded.snapshot, policyName, policy.tiers.length);
  const [before, after, versions] = await Promise.all([
    projectionSample(policyName, now, { loaded, routeWith: current }),
    projectionSample(policyName, now, { loaded, routeWith: candidate }),
    listClassifierVersions(policyName),
  ]);
  const requestsLastWeek = before.volume?.requestsLastWeek ?? 0;
  const activeName = versions.find((v) => v.status === "active")?.name;
  if (before.rows.length === 0) throw new AppError("conflict", before.emptyReason ?? "No request can be projected for this policy.");
  if (before.basis === "traffic") notes.push("Quality per request: a reviewer's label or a graded shadow pair where there is one, else the current classifier's calibrated estimate — the same for both sides.");
  if (requestsLastWeek === 0) notes.push(`No requests in the last ${VOLUME_DAYS} days: the monthly figures are zero.`);
  const figures = compareImpact({
    policy,
    tiers: loaded.snapshot.tiers,
    beforeRows: before.rows,
    afterRows: after.rows,
    names: { before: current.kind === "trained" ? (activeName ?? current.id) : "built-in scorer", after: version.name },
    requestsLastWeek,
  });
  return { ...figures, policy: policyName, bias: policy.bias, tiers: policy.tiers, basis: before.basis, source: describeSource(before), notes };
}
