/** How a job row reads in the console: duration, percent done, status tone and label. */
import { formatDateTime } from "@/components/charts/format";
import type { JobRow, JobStatus } from "./types";

export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return "—";
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** Running time so far (`now`) or in total; null before it started. */
export function jobDurationMs(job: Pick<JobRow, "startedAt" | "finishedAt">, now: number): number | null {
  if (!job.startedAt) return null;
  return (job.finishedAt ? Date.parse(job.finishedAt) : now) - Date.parse(job.startedAt);
}

/** Whole percent for the progress bar: a succeeded job is 100 whatever its last report said. */
export function progressPercent(job: Pick<JobRow, "status" | "progress">): number {
  if (job.status === "succeeded") return 100;
  return Math.max(0, Math.min(100, Math.round(job.progress * 100)));
}

export const STATUS_LABELS: Record<JobStatus, string> = {
  queued: "Queued",
  running: "Running",
  succeeded: "Succeeded",
  failed: "Failed",
  cancelled: "Cancelled",
};

export function progressTone(status: JobStatus): "brand" | "green" | "red" | "slate" {
  return status === "succeeded" ? "green" : status === "failed" ? "red" : status === "cancelled" ? "slate" : "brand";
}

export const STATUS_TONES = { queued: "slate", running: "blue", succeeded: "green", failed: "red", cancelled: "amber" } as const satisfies Record<JobStatus, string>;

/** "policy default · 2 datasets · labels · escalations" */
export function describeSources(payload: JobRow["payload"]): string {
  const parts = [`policy ${payload.policy ?? "?"}`];
  const n = payload.datasets?.length ?? 0;
  if (n) parts.push(n === 1 ? "1 dataset" : `${n} datasets`);
  if (payload.includeLabels) parts.push(payload.labelsSince ? `labels since ${payload.labelsSince.slice(0, 10)}` : "labels");
  if (payload.includeEscalations) parts.push("escalations");
  if (payload.includeShadow) parts.push("shadow pairs");
  return parts.join(" · ");
}

export function formatJobTime(iso: string | null): string {
  return iso ? formatDateTime(iso) : "—";
}
