import type { Prisma } from "./generated/client.ts";
import { db } from "./prisma.ts";

export type RequestLogInsert = Prisma.RequestLogCreateManyInput;

/** Inserts a batch; ids are decision ids, so a retried batch never writes a row twice. */
export async function insertRequestLogs(rows: RequestLogInsert[]): Promise<number> {
  const { count } = await db.requestLog.createMany({ data: rows, skipDuplicates: true });
  return count;
}

export function countRequestLogs(where: Prisma.RequestLogWhereInput = {}) {
  return db.requestLog.count({ where });
}

/** Deletes rows older than `before`, at most `limit` at a time (keeps each statement short). */
export async function pruneRequestLogs(before: Date, limit = 10_000): Promise<number> {
  return db.$executeRaw`
    DELETE FROM "RequestLog" WHERE id IN (
      SELECT id FROM "RequestLog" WHERE "createdAt" < ${before} LIMIT ${limit}
    )`;
}

export type RequestFilters = {
  from?: Date;
  to?: Date;
  policy?: string;
  tier?: string;
  stage?: string;
  status?: "ok" | "error";
  q?: string;
  cursor?: string;
  limit: number;
};

export const requestListSelect = {
  id: true,
  createdAt: true,
  policyName: true,
  tierName: true,
  model: true,
  stage: true,
  reason: true,
  scores: true,
  uncertainty: true,
  escalated: true,
  hedged: true,
  totalMs: true,
  promptTokens: true,
  completionTokens: true,
  costUsd: true,
  status: true,
  httpStatus: true,
  error: true,
  stream: true,
  isDemo: true,
  decision: true,
  latency: true,
  apiKey: { select: { id: true, name: true, prefix: true } },
} as const satisfies Prisma.RequestLogSelect;

/** Newest first, keyset-paginated on the time-ordered id (UUIDv7). */
export async function listRequests(f: RequestFilters) {
  const where: Prisma.RequestLogWhereInput = {
    ...(f.from || f.to ? { createdAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } } : {}),
    ...(f.policy ? { policyName: f.policy } : {}),
    ...(f.tier ? { tierName: f.tier } : {}),
    ...(f.stage ? { stage: f.stage } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.q ? { prompt: { contains: f.q, mode: "insensitive" } } : {}),
    ...(f.cursor ? { id: { lt: f.cursor } } : {}),
  };
  const rows = await db.requestLog.findMany({ where, select: requestListSelect, orderBy: { id: "desc" }, take: f.limit + 1 });
  const hasMore = rows.length > f.limit;
  const items = hasMore ? rows.slice(0, f.limit) : rows;
  return { items, nextCursor: hasMore ? items[items.length - 1]!.id : null };
}

export function findRequest(id: string) {
  return db.requestLog.findUnique({
    where: { id },
    select: {
      ...requestListSelect,
      prompt: true,
      response: true,
      sessionKey: true,
      labels: { orderBy: { createdAt: "desc" }, include: { reviewer: { select: { email: true, name: true } }, correctTier: { select: { name: true } } } },
    },
  });
}
