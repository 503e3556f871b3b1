/**
 * What the jobs, classifiers and datasets admin routes answer (JSON: dates as strings, NaN
 * metrics as null). Mirrors lib/db/job-repo.ts, lib/db/classifier-repo.ts and
 * lib/jobs/retrain/train-and-compare.ts without importing server code.
 */
export type JobStatus = "queued" | "running" | "succeeded" | "failed" | "cancelled";

export type JobPayload = {
  policy?: string;
  datasets?: string[];
  labelsSince?: string;
  includeLabels?: boolean;
  includeEscalations?: boolean;
  holdout?: number;
  seed?: number;
};

export type JobRow = {
  id: string;
  type: string;
  status: JobStatus;
  phase: string | null;
  progress: number;
  payload: JobPayload;
  result: { classifierVersionId: string; reused: boolean } | null;
  error: string | null;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
  createdBy: { email: string } | null;
};

export type JobPage = { items: JobRow[]; total: number; page: number; pageSize: number };

/** A number the server may have serialized from NaN (e.g. a CPT never reached) as null. */
export type Metric = number | null;

export type ModelMetrics = {
  id: string;
  kind: "trained" | "heuristic";
  apgr: Metric;
  cpt50: Metric;
  cpt80: Metric;
  cpt95: Metric;
  ece: Metric;
  quality: Metric;
  cost: Metric;
  shares: number[];
  qualityErrorRate: Metric;
  costErrorRate: Metric;
  curve: Array<{ cost: number; quality: number }>;
};

export type ComparisonMetrics = {
  candidate: ModelMetrics;
  active: ModelMetrics;
  holdoutSize: number;
  trainSize: number;
  activeVersionId: string | null;
  activeName: string;
};

export type DataSummary = {
  rows?: number;
  skipped?: number;
  train?: number;
  holdout?: number;
  labelShares?: number[];
  sources?: Record<string, number>;
  sourceCounts?: { dataset: number; labels: number; escalations: number; skipped: number };
};

export type ClassifierStatus = "candidate" | "active" | "retired";

export type ClassifierVersion = {
  id: string;
  name: string;
  status: ClassifierStatus;
  /** A trained candidate's comparison; {} for the shipped classifier. */
  metrics: Partial<ComparisonMetrics>;
  dataSummary: DataSummary;
  jobId: string | null;
  promotedAt: string | null;
  createdAt: string;
  policy: { id: string; name: string } | null;
};

export type Dataset = { id: string; name: string; rowCount: number; models: string[]; source: string; createdAt: string };

export type ImportResult = {
  dataset: { id: string; name: string; rowCount: number; models: string[] };
  imported: number;
  rejected: number;
  errors: Array<{ line: number; reason: string }>;
};

export function isActiveJob(job: Pick<JobRow, "status">): boolean {
  return job.status === "queued" || job.status === "running";
}
