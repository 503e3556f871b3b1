import { db } from "./prisma";

/** Headline counts for the overview while the traffic charts are not there yet. */
export async function headlineCounts() {
  const since = new Date(Date.now() - 24 * 3_600_000);
  const [tiers, policies, users, requests24h] = await Promise.all([
    db.tier.count({ where: { enabled: true } }),
    db.policy.count(),
    db.user.count({ where: { disabled: false } }),
    db.requestLog.count({ where: { createdAt: { gte: since } } }),
  ]);
  return { tiers, policies, users, requests24h };
}
