import { db } from "./prisma";

export type ThrottleState = { failures: number; lockedUntil: Date | null };

export async function readThrottle(key: string): Promise<ThrottleState | null> {
  return db.signInThrottle.findUnique({ where: { key }, select: { failures: true, lockedUntil: true } });
}

/**
 * Counts one failed sign-in atomically (concurrent guesses cannot race past the limit) and
 * locks the key for `lockMs` once `maxFailures` happen within `windowMs`.
 */
export async function recordFailure(key: string, opts: { windowMs: number; maxFailures: number; lockMs: number }): Promise<ThrottleState> {
  const rows = await db.$queryRaw<ThrottleState[]>`
    INSERT INTO "SignInThrottle" ("key", "failures", "windowStart", "updatedAt")
    VALUES (${key}, 1, now(), now())
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "SignInThrottle"."windowStart" < now() - make_interval(secs => ${opts.windowMs / 1000})
                        THEN 1 ELSE "SignInThrottle"."failures" + 1 END,
      "windowStart" = CASE WHEN "SignInThrottle"."windowStart" < now() - make_interval(secs => ${opts.windowMs / 1000})
                        THEN now() ELSE "SignInThrottle"."windowStart" END,
      "updatedAt" = now()
    RETURNING "failures", "lockedUntil"`;
  const state = rows[0]!;
  if (state.failures >= opts.maxFailures) {
    const lockedUntil = new Date(Date.now() + opts.lockMs);
    await db.signInThrottle.update({ where: { key }, data: { lockedUntil, failures: 0, windowStart: new Date() } });
    return { failures: state.failures, lockedUntil };
  }
  return state;
}

export function clearThrottle(key: string) {
  return db.signInThrottle.deleteMany({ where: { key } });
}
