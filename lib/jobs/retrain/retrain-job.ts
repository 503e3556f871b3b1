/**
 * Job "retrain-classifier": learn a candidate classifier for a policy from imported datasets,
 * reviewer labels and escalations since a date; evaluate it beside the active one on the same
 * held-out split; store it as a *candidate* ClassifierVersion. Idempotent: a retried job that
 * already stored its candidate just finishes.
 */
import { findCandidateForJob, insertClassifierVersion } from "../../db/classifier-repo";
import { readConfigRows } from "../../db/config-repo";
import { findJob, markJobRunning, reportJobProgress } from "../../db/job-repo";
import { readActiveArtifact } from "../../db/training-data-repo";
import { trainInChild } from "./run-in-child";
import { PermanentJobError, retrainPayloadSchema } from "./retrain-payload";
import { loadTrainingRows } from "./training-rows";

export { PermanentJobError, retrainPayloadSchema };

export const RETRAIN_JOB = { id: "retrain-classifier", version: 1 } as const;

export type JobControl = { signal: AbortSignal; progress: (phase: string, fraction: number) => void };

export async function runRetrainJob(jobId: string, control: JobControl): Promise<{ classifierVersionId: string; reused: boolean }> {
  const existing = await findCandidateForJob(jobId);
  if (existing) return { classifierVersionId: existing.id, reused: true };
  const job = await findJob(jobId);
  if (!job) throw new PermanentJobError(`job ${jobId} not found`);
  const payload = retrainPayloadSchema.parse(job.payload);
  const { policies, tiers } = await readConfigRows();
  const policy = policies.find((p) => p.name === payload.policy);
  if (!policy) throw new PermanentJobError(`no policy named "${payload.policy}"`);
  if (policy.tiers.length < 2) throw new PermanentJobError(`policy "${policy.name}" has fewer than two tiers: nothing to route between`);
  const policyTiers = policy.tiers.map((pt) => ({ name: pt.tier.name, model: tiers.find((t) => t.name === pt.tier.name)!.model }));

  control.progress("loading data", 0.01);
  const { rows, counts } = await loadTrainingRows(policy.name, policyTiers, {
    datasetIds: payload.datasets,
    labelsSince: payload.labelsSince,
    includeLabels: payload.includeLabels,
    includeEscalations: payload.includeEscalations,
    includeShadow: payload.includeShadow,
  });
  const active = await readActiveArtifact(policy.name);
  const name = `${policy.name}-${new Date().toISOString().slice(0, 16).replace(/[-:T]/g, "")}`;
  let output;
  try {
    output = await trainInChild(
      { rows, tiers: policyTiers.map((t) => t.name), holdout: payload.holdout, seed: payload.seed, activeArtifact: active?.activeClassifier?.artifact ?? null, name },
      (phase, fraction) => control.progress(phase, 0.05 + 0.9 * fraction),
      control.signal,
    );
  } catch (error) {
    const message = (error as Error).message;
    if (/usable rows|fewer than|needs at least/.test(message)) throw new PermanentJobError(message);
    throw error;
  }
  control.progress("saving the candidate", 0.97);
  const version = await insertClassifierVersion({
    name,
    policyId: policy.id,
    artifact: output.artifact,
    metrics: { ...output.metrics, activeVersionId: active?.activeClassifier?.id ?? null, activeName: active?.activeClassifier?.name ?? "built-in scorer" },
    dataSummary: { ...output.dataSummary, sourceCounts: counts, payload },
    jobId,
  });
  return { classifierVersionId: version.id, reused: false };
}

export { markJobRunning, reportJobProgress };
