/**
 * A candidate to replay: the stored config with a draft applied — policies and tiers by name,
 * nested option groups merged key by key (as PATCH /api/admin/policies does), lists (tiers,
 * rules) replaced — and optionally another classifier version for the replayed policy. Validated
 * like `config apply`: an invalid draft is refused whole with every problem listed.
 */
import { z } from "zod";
import { createHeuristicClassifier } from "../classifier/heuristic-scorer";
import { loadClassifier } from "../classifier/load-classifier";
import type { TierClassifier } from "../classifier/types";
import { configFromRows } from "../config/config-from-rows";
import { shippedIntentModel } from "../config/shipped-intent-model";
import { findClassifierVersion } from "../db/classifier-repo";
import { readActiveClassifiers, readConfigRows } from "../db/config-repo";
import { AppError } from "../http/app-error";
import { buildSnapshot } from "../routing/build-snapshot";
import type { ConfigFile } from "../routing/config-schema";
import { formatProblem, parseConfigFile } from "../routing/validate-config";
import type { ConfigSnapshot } from "../routing/types";

const named = z.looseObject({ name: z.string().min(1) });
export const candidateSchema = z.strictObject({
  /** A config draft: { tiers?: [{ name, …changes }], policies?: [{ name, …changes }], defaultPolicy? }. */
  config: z.strictObject({ tiers: z.array(named).optional(), policies: z.array(named).optional(), defaultPolicy: z.string().optional() }).optional(),
  /** A classifier version (an id from /jobs) to score the replayed policy with. */
  classifierVersionId: z.uuid({ error: "classifierVersionId must be a classifier version id" }).optional(),
});
export type Candidate = z.infer<typeof candidateSchema>;

type Item = { name: string } & Record<string, unknown>;
const isGroup = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function mergeItems(current: readonly Item[], changes: readonly Item[] | undefined): Item[] {
  const out = current.map((item) => ({ ...item }));
  for (const change of changes ?? []) {
    const at = out.findIndex((i) => i.name === change.name);
    if (at < 0) {
      out.push({ ...change });
      continue;
    }
    const merged: Item = { ...out[at]! };
    for (const [key, value] of Object.entries(change)) merged[key] = isGroup(value) && isGroup(merged[key]) ? { ...(merged[key] as object), ...value } : value;
    out[at] = merged;
  }
  return out;
}

/** The stored config with the draft applied, validated. */
export function applyDraft(current: ConfigFile, draft: Candidate["config"]): ConfigFile {
  const merged = {
    tiers: mergeItems(current.tiers as unknown as Item[], draft?.tiers as Item[] | undefined),
    policies: mergeItems(current.policies as unknown as Item[], draft?.policies as Item[] | undefined),
    ...(draft?.defaultPolicy ?? current.defaultPolicy ? { defaultPolicy: draft?.defaultPolicy ?? current.defaultPolicy } : {}),
  };
  const parsed = parseConfigFile(merged);
  if (!parsed.ok) throw new AppError("bad_request", `The candidate has ${parsed.problems.length} problem(s): ${parsed.problems.map(formatProblem).join("; ")}`, { issues: parsed.problems });
  return parsed.config;
}

export type CandidateWorld = { snapshot: ConfigSnapshot; classifierChanged: boolean };

/** The candidate's snapshot: the stored config with the draft, the active classifiers unless the candidate names one. */
export async function loadCandidate(candidate: Candidate, policy: string): Promise<CandidateWorld> {
  const [rows, active] = await Promise.all([readConfigRows(), readActiveClassifiers()]);
  const current = configFromRows(rows);
  const next = applyDraft(current, candidate.config);
  if (!next.policies.some((p) => p.name === policy)) throw new AppError("not_found", `No policy named "${policy}".`);
  const classifiers: Record<string, TierClassifier> = {};
  for (const row of active) {
    try {
      classifiers[row.policyName] = loadClassifier(row.artifact);
    } catch {
      // the built-in scorer stands in, as in the gateway
    }
  }
  const candidateClassifiers = classifiers;
  if (candidate.classifierVersionId) {
    const version = await findClassifierVersion(candidate.classifierVersionId);
    if (!version) throw new AppError("not_found", `No classifier version ${candidate.classifierVersionId}.`);
    candidateClassifiers[policy] = loadClassifier(version.artifact);
  }
  // a trained classifier scores only the tiers it was trained for: another tier set gets the built-in scorer
  const candidatePolicy = next.policies.find((p) => p.name === policy)!;
  const trainedFor = (candidateClassifiers[policy] as { tiers?: readonly string[] } | undefined)?.tiers;
  if (trainedFor && trainedFor.join("|") !== candidatePolicy.tiers.join("|")) delete candidateClassifiers[policy];
  const intentModel = next.policies.some((p) => p.intent.enabled) ? shippedIntentModel().model : null;
  const snapshot = buildSnapshot({ ...next, classifiers: candidateClassifiers, heuristic: createHeuristicClassifier, intentModel });
  return { snapshot, classifierChanged: candidate.classifierVersionId !== undefined };
}
