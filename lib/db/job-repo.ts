import type { Prisma } from "./generated/client";
import { db } from "./prisma";

export const jobSelect = {
  id: true,
  type: true,
  status: true,
  phase: true,
  progress: true,
  payload: true,
  result: true,
  error: true,
  attempts: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  updatedAt: true,
  createdBy: { select: { email: true } },
} as const satisfies Prisma.JobSelect;

export type JobRow = Prisma.JobGetPayload<{ select: typeof jobSelect }>;

export function insertJob(data: { type: string; payload: unknown; createdById: string | null }) {
  return db.job.create({ data: { type: data.type, payload: data.payload as Prisma.InputJsonValue, createdById: data.createdById }, select: jobSelect });
}

export function findJob(id: string) {
  return db.job.findUnique({ where: { id }, select: jobSelect });
}

export async function listJobs(opts: { type?: string; page: number; pageSize: number }) {
  const where: Prisma.JobWhereInput = opts.type ? { type: opts.type } : {};
  const [items, total] = await Promise.all([
    db.job.findMany({ where, select: jobSelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (opts.page - 1) * opts.pageSize, take: opts.pageSize }),
    db.job.count({ where }),
  ]);
  return { items, total };
}

/** Marks a queued (or retried) job running; returns false when it was cancelled meanwhile. */
export async function markJobRunning(id: string): Promise<boolean> {
  const { count } = await db.job.updateMany({
    where: { id, status: { in: ["queued", "running"] } },
    data: { status: "running", startedAt: new Date(), attempts: { increment: 1 }, error: null, phase: "starting", progress: 0 },
  });
  return count === 1;
}

/** Progress + heartbeat (updatedAt). Returns false when the job was cancelled. */
export async function reportJobProgress(id: string, phase: string, progress: number): Promise<boolean> {
  const { count } = await db.job.updateMany({ where: { id, status: "running" }, data: { phase, progress: Math.max(0, Math.min(1, progress)) } });
  return count === 1;
}

export function finishJob(id: string, data: { status: "succeeded" | "failed" | "cancelled" | "queued"; result?: unknown; error?: string | null; phase?: string }) {
  return db.job.updateMany({
    where: { id, status: { in: data.status === "cancelled" ? ["queued", "running"] : ["running"] } },
    data: {
      status: data.status,
      ...(data.result !== undefined ? { result: data.result as Prisma.InputJsonValue } : {}),
      ...(data.error !== undefined ? { error: data.error } : {}),
      ...(data.phase ? { phase: data.phase } : {}),
      ...(data.status === "succeeded" ? { progress: 1 } : {}),
      finishedAt: data.status === "queued" ? null : new Date(),
    },
  });
}

/** Running jobs whose worker stopped reporting (crashed or killed). */
export function findStaleJobs(olderThan: Date) {
  return db.job.findMany({ where: { status: "running", updatedAt: { lt: olderThan } }, select: { id: true, type: true, attempts: true } });
}

/** Jobs by type and status (the /metrics job gauges): one GROUP BY over the small Job table. */
export async function countJobsByTypeAndStatus(): Promise<Array<{ type: string; status: string; count: number }>> {
  const rows = await db.job.groupBy({ by: ["type", "status"], _count: { _all: true } });
  return rows.map((r) => ({ type: r.type, status: r.status, count: r._count._all }));
}
