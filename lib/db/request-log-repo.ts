import type { Prisma } from "./generated/client.ts";
import { pgPool } from "./pg-pool.ts";
import { db } from "./prisma.ts";

export type RequestLogInsert = Prisma.RequestLogCreateManyInput;

const DEFAULTS = {
  apiKeyId: null, policyId: null, policyName: null, tierId: null, tierName: null, model: null, reason: "", scores: null,
  uncertainty: null, escalated: false, hedged: false, totalMs: 0, promptTokens: 0, completionTokens: 0, costUsd: 0,
  httpStatus: 200, error: null, prompt: null, response: null, sessionKey: null, stream: false, isDemo: false,
} satisfies Partial<Record<keyof RequestLogInsert, unknown>>;

/**
 * Inserts a batch in one statement: the rows travel as a single JSON parameter that Postgres
 * unpacks (json_populate_recordset), which keeps the gateway's CPU per row to one
 * JSON.stringify. Ids are decision ids, so a retried batch never writes a row twice.
 */
export async function insertRequestLogs(rows: RequestLogInsert[]): Promise<number> {
  if (!rows.length) return 0;
  const payload = JSON.stringify(rows.map((row) => ({ ...DEFAULTS, createdAt: new Date(), ...row })));
  const result = await pgPool().query(
    `INSERT INTO "RequestLog" SELECT * FROM json_populate_recordset(NULL::"RequestLog", $1::json) ON CONFLICT (id) DO NOTHING`,
    [payload],
  );
  return result.rowCount ?? 0;
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
