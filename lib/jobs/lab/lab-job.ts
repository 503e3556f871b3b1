/**
 * Job "lab-run": a replay of a candidate, or the tier-count advisor, over logged traffic, with
 * progress (requests replayed, tier sets done) and cancellation between pages. The report is the
 * job's result. Idempotent: a retry replays again (nothing is written but the result).
 */
import { findJob } from "../../db/job-repo";
import { adviseTiers } from "../../lab/advise-tiers";
import { runReplay } from "../../lab/replay/run-replay";
import { PermanentJobError } from "../retrain/retrain-payload";
import type { JobControl } from "../retrain/retrain-job";
import { labPayloadSchema } from "./lab-payload";

export async function runLabJob(jobId: string, control: JobControl): Promise<unknown> {
  const job = await findJob(jobId);
  if (!job) throw new PermanentJobError(`job ${jobId} not found`);
  const parsed = labPayloadSchema.safeParse(job.payload);
  if (!parsed.success) throw new PermanentJobError(`invalid lab job: ${parsed.error.issues[0]?.message}`);
  const p = parsed.data;
  const progress = (phase: string) => (done: number, total: number) => {
    if (control.signal.aborted) throw new Error("cancelled");
    control.progress(phase, total ? done / total : 0);
  };
  if (p.kind === "replay") return runReplay({ policy: p.policy, from: p.from, to: p.to, candidate: p.candidate }, progress("replaying logged requests"));
  return adviseTiers({ policy: p.policy, from: p.from, to: p.to }, progress("replaying tier sets"));
}
