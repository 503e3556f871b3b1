import type { Prisma } from "./generated/client";
import { db } from "./prisma";
import type { DbClient } from "./user-repo";

export const classifierSelect = {
  id: true,
  name: true,
  status: true,
  metrics: true,
  dataSummary: true,
  jobId: true,
  promotedAt: true,
  createdAt: true,
  policy: { select: { id: true, name: true } },
} as const satisfies Prisma.ClassifierVersionSelect;

export type ClassifierRow = Prisma.ClassifierVersionGetPayload<{ select: typeof classifierSelect }>;

export function findCandidateForJob(jobId: string) {
  return db.classifierVersion.findFirst({ where: { jobId }, select: { id: true } });
}

export function insertClassifierVersion(data: { name: string; policyId: string; artifact: unknown; metrics: unknown; dataSummary: unknown; jobId: string | null; status?: "candidate" | "active" }, client: DbClient = db) {
  return client.classifierVersion.create({
    data: {
      name: data.name,
      policyId: data.policyId,
      artifact: data.artifact as Prisma.InputJsonValue,
      metrics: data.metrics as Prisma.InputJsonValue,
      dataSummary: data.dataSummary as Prisma.InputJsonValue,
      jobId: data.jobId,
      status: data.status ?? "candidate",
      ...(data.status === "active" ? { promotedAt: new Date() } : {}),
    },
    select: classifierSelect,
  });
}

export function listClassifierVersions(policyName?: string) {
  return db.classifierVersion.findMany({
    where: policyName ? { policy: { name: policyName } } : {},
    select: classifierSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
  });
}

export function findClassifierVersion(id: string, client: DbClient = db) {
  return client.classifierVersion.findUnique({ where: { id }, select: { ...classifierSelect, artifact: true } });
}
