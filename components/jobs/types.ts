/**
 * What the jobs, classifiers and datasets admin routes answer: the rows of lib/db/job-repo.ts,
 * classifier-repo.ts and dataset-repo.ts as JSON (dates as strings), their JSON columns typed as
 * lib/jobs/retrain writes them (a metric that came out NaN, e.g. a CPT never reached, as null).
 */
import type { ClassifierRow } from "@/lib/db/classifier-repo";
import type { listDatasets } from "@/lib/db/dataset-repo";
import type { JobRow as JobRecord, listJobs } from "@/lib/db/job-repo";
import type { Jsonified } from "@/lib/http/jsonified";
import type { runRetrainJob } from "@/lib/jobs/retrain/retrain-job";
import type { RetrainPayload } from "@/lib/jobs/retrain/retrain-payload";
import type { ModelMetrics as TrainedMetrics, TrainJobOutput } from "@/lib/jobs/retrain/train-and-compare";
import type { SourceCounts } from "@/lib/jobs/retrain/training-rows";

export type JobStatus = JobRecord["status"];

export type JobPayload = Partial<Jsonified<RetrainPayload>>;

export type JobRow = Jsonified<Omit<JobRecord, "payload" | "result">> & { payload: JobPayload; result: Awaited<ReturnType<typeof runRetrainJob>> | null };

export type JobPage = Omit<Awaited<ReturnType<typeof listJobs>>, "items"> & { items: JobRow[]; page: number; pageSize: number };

/** A number the server may have serialized from NaN as null. */
export type Metric = number | null;

export type ModelMetrics = { [K in keyof TrainedMetrics]: TrainedMetrics[K] extends number ? Metric : TrainedMetrics[K] };

export type ComparisonMetrics = Omit<TrainJobOutput["metrics"], "candidate" | "active"> & {
  candidate: ModelMetrics;
  active: ModelMetrics;
  activeVersionId: string | null;
  activeName: string;
};

export type DataSummary = Partial<TrainJobOutput["dataSummary"] & { sourceCounts: SourceCounts; payload: JobPayload }>;

export type ClassifierStatus = ClassifierRow["status"];

export type ClassifierVersion = Jsonified<Omit<ClassifierRow, "metrics" | "dataSummary">> & {
  /** A trained candidate's comparison; {} for the shipped classifier. */
  metrics: Partial<ComparisonMetrics>;
  dataSummary: DataSummary;
};

export type Dataset = Jsonified<Awaited<ReturnType<typeof listDatasets>>[number]>;

export function isActiveJob(job: Pick<JobRow, "status">): boolean {
  return job.status === "queued" || job.status === "running";
}
