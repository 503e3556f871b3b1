import { db } from "./prisma";

export type AttemptCount = { attempts: number; resetsAt: Date };

/**
 * Counts one attempt under `key` in a fixed window of `windowMs` and returns the attempts so far
 * in the window (this one included) and when the window ends. One statement: concurrent attempts
 * on a key queue on its row (INSERT … ON CONFLICT DO UPDATE … + 1 … RETURNING), so every one of
 * them is counted and each sees its own count — none can slip past a limit between a read and
 * a write.
 */
export async function countAttempt(key: string, windowMs: number): Promise<AttemptCount> {
  const seconds = windowMs / 1000;
  const rows = await db.$queryRaw<AttemptCount[]>`
    INSERT INTO "SignInThrottle" AS t ("key", "attempts", "windowStart", "updatedAt")
    VALUES (${key}, 1, now(), now())
    ON CONFLICT ("key") DO UPDATE SET
      "attempts" = CASE WHEN t."windowStart" <= now() - make_interval(secs => ${seconds}) THEN 1 ELSE t."attempts" + 1 END,
      "windowStart" = CASE WHEN t."windowStart" <= now() - make_interval(secs => ${seconds}) THEN now() ELSE t."windowStart" END,
      "updatedAt" = now()
    RETURNING "attempts", "windowStart" + make_interval(secs => ${seconds}) AS "resetsAt"`;
  return rows[0]!;
}

export function clearThrottle(key: string) {
  return db.signInThrottle.deleteMany({ where: { key } });
}

/** Rows whose window started before `before` (their count no longer limits anything). */
export async function pruneThrottles(before: Date): Promise<number> {
  return (await db.signInThrottle.deleteMany({ where: { windowStart: { lt: before } } })).count;
}
