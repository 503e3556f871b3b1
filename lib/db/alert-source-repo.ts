/** The rows some alert conditions read: keys with a budget, and jobs that failed lately. */
import { db } from "./prisma";

export function budgetedKeys() {
  return db.apiKey.findMany({ where: { monthlyBudgetUsd: { not: null }, revokedAt: null }, select: { id: true, name: true, monthlyBudgetUsd: true } });
}

export function failedJobsSince(since: Date) {
  return db.job.findMany({ where: { status: "failed", finishedAt: { gte: since } }, select: { id: true, type: true, error: true, finishedAt: true }, orderBy: { finishedAt: "asc" } });
}
