/**
 * The gateway instance heartbeat (GatewayInstance): each gateway process upserts its row every
 * ~10 s; health reads who was seen lately to warn about several instances without Redis.
 */
import { db } from "./prisma";

export type InstanceBeat = { id: string; host: string; pid: number; startedAt: Date; redis: boolean };

/** Rows of processes that crashed (never deleted their row) are removed after this long. */
const FORGET_AFTER_MS = 24 * 3_600_000;

export async function beatInstance(beat: InstanceBeat, now = new Date()): Promise<void> {
  await db.gatewayInstance.upsert({ where: { id: beat.id }, create: { ...beat, lastSeenAt: now }, update: { lastSeenAt: now, redis: beat.redis } });
}

export async function forgetInstance(id: string): Promise<void> {
  await db.gatewayInstance.deleteMany({ where: { id } });
}

export async function pruneInstances(now = new Date()): Promise<void> {
  await db.gatewayInstance.deleteMany({ where: { lastSeenAt: { lt: new Date(now.getTime() - FORGET_AFTER_MS) } } });
}

/** Instances seen within `withinMs` of `now`, and how many of them share state through Redis. */
export async function recentInstances(withinMs: number, now = new Date()): Promise<{ total: number; withRedis: number }> {
  const rows = await db.gatewayInstance.findMany({ where: { lastSeenAt: { gte: new Date(now.getTime() - withinMs) } }, select: { redis: true } });
  return { total: rows.length, withRedis: rows.filter((r) => r.redis).length };
}
