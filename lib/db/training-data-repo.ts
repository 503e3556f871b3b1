/** Reads what retraining learns from: imported outcome datasets, reviewer labels, escalations. */
import { db } from "./prisma";

export function readDatasetRows(datasetIds: string[]) {
  return db.datasetRow.findMany({ where: { datasetId: { in: datasetIds } }, orderBy: [{ datasetId: "asc" }, { externalId: "asc" }] });
}

/** Labeled requests of a policy since a date (prompt stored), newest label per request. */
export async function readLabeledRequests(policyName: string, since: Date | undefined) {
  const rows = await db.label.findMany({
    where: { request: { policyName, prompt: { not: null } }, ...(since ? { createdAt: { gte: since } } : {}) },
    orderBy: { createdAt: "desc" },
    select: { verdict: true, correctTier: { select: { name: true } }, request: { select: { id: true, prompt: true, tierName: true } } },
  });
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.request.id) && seen.add(r.request.id));
}

/** Graded shadow pairs of the policy's requests whose prompt is stored, newest first (one per request). */
export async function readShadowVerdicts(policyName: string, since: Date | undefined): Promise<Array<{ requestId: string; servedTier: string; shadowTier: string; verdict: string; prompt: string }>> {
  return db.$queryRaw`
    SELECT DISTINCT ON (s."requestId") s."requestId", s."servedTier", s."shadowTier", s.verdict, r.prompt
    FROM "ShadowPair" s JOIN "RequestLog" r ON r.id = s."requestId"
    WHERE s."policyName" = ${policyName} AND s.verdict <> 'failed' AND r.prompt IS NOT NULL AND s."createdAt" >= ${since ?? new Date(0)}
    ORDER BY s."requestId", s."createdAt" DESC
    LIMIT 50000`;
}

/** Requests that escalated (a cheaper tier's answer was not good enough, a higher one answered). */
export function readEscalations(policyName: string, since: Date | undefined) {
  return db.requestLog.findMany({
    where: { policyName, escalated: true, status: "ok", prompt: { not: null }, ...(since ? { createdAt: { gte: since } } : {}) },
    select: { id: true, prompt: true, tierName: true, latency: true },
    orderBy: { id: "desc" },
    take: 50_000,
  });
}

export function readActiveArtifact(policyName: string) {
  return db.policy.findUnique({ where: { name: policyName }, select: { activeClassifier: { select: { id: true, name: true, artifact: true } } } });
}

export function countLabelsSince(since: Date) {
  return db.label.count({ where: { createdAt: { gte: since } } });
}
