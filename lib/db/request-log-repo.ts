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
