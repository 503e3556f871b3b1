/** How much logged traffic a live-routing change would touch, read from the hourly rollups (not the raw log). */
import { db } from "./prisma";

export async function countRolledUpRequests(where: { since: Date; tier?: string; policy?: string; stage?: string }): Promise<number> {
  const sum = await db.requestRollup.aggregate({
    _sum: { requests: true },
    where: { bucket: { gte: where.since }, tier: where.tier, policy: where.policy, stage: where.stage },
  });
  return sum._sum.requests ?? 0;
}
