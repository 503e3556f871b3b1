/**
 * Circuit-breaker transitions as gateway instances report them (one small insert per change of
 * state; transitions are rare): the history on the upstream-health page and the source of
 * breaker alerts, which the worker evaluates in one place for every instance.
 */
import { db } from "./prisma";

export type BreakerStatus = "closed" | "open" | "half-open";
export type BreakerTransitionInput = { tier: string; from: BreakerStatus; to: BreakerStatus; reason: string; instance: string; at: Date };

export function insertBreakerTransition(t: BreakerTransitionInput) {
  return db.breakerTransition.create({ data: { tier: t.tier, fromState: t.from, toState: t.to, reason: t.reason, instance: t.instance, at: t.at } });
}

/** Each (tier, instance)'s latest transition since `since`: what each instance's breaker says now. */
export function latestBreakerStates(since: Date) {
  return db.$queryRaw<Array<{ tier: string; instance: string; toState: BreakerStatus; reason: string; at: Date }>>`
    SELECT DISTINCT ON (tier, instance) tier, instance, "toState", reason, at
    FROM "BreakerTransition" WHERE at >= ${since}
    ORDER BY tier, instance, at DESC, id DESC`;
}

/** Transitions newest first, optionally for one tier. */
export function listBreakerTransitions(opts: { tier?: string; since: Date; limit: number }) {
  return db.breakerTransition.findMany({
    where: { at: { gte: opts.since }, ...(opts.tier ? { tier: opts.tier } : {}) },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: opts.limit,
  });
}
