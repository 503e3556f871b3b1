/**
 * Starting and cancelling jobs. A job is a Job row (what people see) plus a pg-boss job with the
 * same id (delivery, retries). Cancelling a running job stops it within seconds: the worker's
 * next heartbeat finds the row cancelled and kills the training process.
 */
import { recordAudit, type Actor } from "../db/audit-repo";
import { configFromRows } from "../config/config-from-rows";
import { findClassifierVersion } from "../db/classifier-repo";
import { readConfigRows } from "../db/config-repo";
import { countDatasets } from "../db/dataset-repo";
import { finishJob, findJob, insertJob } from "../db/job-repo";
import { AppError } from "../http/app-error";
import { applyDraft } from "../lab/candidate";
import { enqueue, QUEUES, queueClient } from "./queue";
import { labPayloadSchema } from "./lab/lab-payload";
import { retrainPayloadSchema, type RetrainPayload } from "./retrain/retrain-payload";

export async function startRetrainJob(actor: Actor, input: unknown) {
  const parsed = retrainPayloadSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join(".") || "(body)", message: i.message }));
    throw new AppError("bad_request", issues.map((i) => `${i.path}: ${i.message}`).join("; "), { issues });
  }
  const payload: RetrainPayload = parsed.data;
  const { policies } = await readConfigRows();
  const policy = policies.find((p) => p.name === payload.policy);
  if (!policy) throw new AppError("bad_request", `No policy named "${payload.policy}".`, { issues: [{ path: "policy", message: `No policy named "${payload.policy}".` }] });
  if (payload.datasets.length && (await countDatasets(payload.datasets)) !== payload.datasets.length) {
    throw new AppError("bad_request", "One of the chosen datasets does not exist.", { issues: [{ path: "datasets", message: "unknown dataset" }] });
  }
  const job = await insertJob({ type: QUEUES.retrain, payload: { ...payload, labelsSince: payload.labelsSince?.toISOString() }, createdById: actor.id });
  await enqueue(QUEUES.retrain, job.id, {});
  await recordAudit(actor, { action: "job.start", targetType: "job", targetId: job.id, after: { type: job.type, payload: job.payload } });
  return job;
}

/** Start a lab run: a replay of a candidate, or the tier-count advisor. */
export async function startLabJob(actor: Actor, input: unknown) {
  const parsed = labPayloadSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join(".") || "(body)", message: i.message }));
    throw new AppError("bad_request", issues.map((i) => `${i.path}: ${i.message}`).join("; "), { issues });
  }
  const { tiers, policies } = await readConfigRows();
  if (!policies.some((p) => p.name === parsed.data.policy)) {
    throw new AppError("bad_request", `No policy named "${parsed.data.policy}".`, { issues: [{ path: "policy", message: `No policy named "${parsed.data.policy}".` }] });
  }
  if (parsed.data.kind === "replay") {
    // an invalid draft or an unknown classifier version is refused now, not when the worker runs it
    applyDraft(configFromRows({ tiers, policies }), parsed.data.candidate.config);
    const versionId = parsed.data.candidate.classifierVersionId;
    if (versionId && !(await findClassifierVersion(versionId))) {
      throw new AppError("bad_request", `No classifier version ${versionId}.`, { issues: [{ path: "candidate.classifierVersionId", message: "unknown classifier version" }] });
    }
  }
  const payload = { ...parsed.data, from: parsed.data.from.toISOString(), to: parsed.data.to.toISOString() };
  const job = await insertJob({ type: QUEUES.lab, payload, createdById: actor.id });
  await enqueue(QUEUES.lab, job.id, {});
  await recordAudit(actor, { action: "job.start", targetType: "job", targetId: job.id, after: { type: job.type, payload: job.payload } });
  return job;
}

export async function cancelJob(actor: Actor, id: string) {
  const job = await findJob(id);
  if (!job) throw new AppError("not_found", "No such job.");
  if (job.status !== "queued" && job.status !== "running") throw new AppError("conflict", `The job is already ${job.status}.`);
  await finishJob(id, { status: "cancelled", phase: "cancelled" });
  await (await queueClient()).cancel(job.type, id).catch(() => {});
  await recordAudit(actor, { action: "job.cancel", targetType: "job", targetId: id });
  return findJob(id);
}
