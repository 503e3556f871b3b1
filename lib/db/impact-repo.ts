/** How much logged traffic a live-routing change would touch: counts from the hourly rollups, and a bounded slice of the raw log for rule drafts. */
import { pgPool } from "./pg-pool";
import { db } from "./prisma";

export async function countRolledUpRequests(where: { since: Date; tier?: string; policy?: string; stage?: string }): Promise<number> {
  const sum = await db.requestRollup.aggregate({
    _sum: { requests: true },
    where: { bucket: { gte: where.since }, tier: where.tier, policy: where.policy, stage: where.stage },
  });
  return sum._sum.requests ?? 0;
}

/** A policy's requests since `since`, and how many of them were escalated, hedged and explored (the settings that switch those). */
export async function sumPolicyTraffic(where: { since: Date; policy: string }) {
  const sum = await db.requestRollup.aggregate({
    _sum: { requests: true, escalations: true, hedges: true, explored: true },
    where: { bucket: { gte: where.since }, policy: where.policy },
  });
  return { requests: sum._sum.requests ?? 0, escalations: sum._sum.escalations ?? 0, hedges: sum._sum.hedges ?? 0, explored: sum._sum.explored ?? 0 };
}

export type ImpactRow = { id: string; createdAt: Date; prompt: string | null };

const RECENT_SQL = `SELECT r.id, r."createdAt", r.prompt FROM "RequestLog" r
  WHERE r."policyName" = $1 AND r.api = 'chat' AND r."createdAt" >= $2
    AND ($3::timestamptz IS NULL OR (r."createdAt", r.id) < ($3::timestamptz, $4::uuid))
  ORDER BY r."createdAt" DESC, r.id DESC LIMIT $5`;

/**
 * A policy's logged chat requests since `since`, newest first, at most `limit` of them, in keyset
 * pages on (createdAt, id) (the request list's index): a draft's impact reads a bounded slice of
 * the log however large it is, and only one page of prompts is held at a time.
 */
export async function* streamRecentPrompts(q: { policy: string; since: Date; limit: number }, pageSize = 1000): AsyncGenerator<ImpactRow[]> {
  let cursor: { at: Date; id: string } | null = null;
  for (let left = q.limit; left > 0; ) {
    const size = Math.min(pageSize, left);
    const params: unknown[] = [q.policy, q.since, cursor?.at ?? null, cursor?.id ?? null, size];
    const rows: ImpactRow[] = (await pgPool().query<ImpactRow>(RECENT_SQL, params)).rows;
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < size) return;
    left -= rows.length;
    const last: ImpactRow = rows[rows.length - 1]!;
    cursor = { at: last.createdAt, id: last.id };
  }
}
