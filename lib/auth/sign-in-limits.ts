/**
 * What every sign-in attempt passes before its password is hashed (scrypt: ~190 ms of CPU each),
 * counted in Postgres so that every instance shares the counts (lib/db/throttle-repo):
 *  1. per address (an IPv6 client by its /64): SIGN_IN_PER_IP_PER_MINUTE attempts a minute;
 *  2. for the whole deployment: SIGN_IN_GLOBAL_PER_MINUTE attempts a minute, the bound on the
 *     CPU that sign-in can take; an attempt refused at (1) is not counted here, so one address
 *     cannot use it up alone;
 *  3. per account AND address: after 5 failed attempts in 15 minutes that pair is refused until
 *     the window ends. The account stays open from every other address, so failing someone's
 *     password on purpose locks out only the one failing.
 * Every attempt is counted before its password is checked, in one atomic statement, so parallel
 * guesses are all counted and at most 5 per pair reach scrypt. Refusals are 429 with Retry-After.
 */
import { countAttempt, type AttemptCount } from "../db/throttle-repo";
import { env } from "../env";
import { AppError } from "../http/app-error";

export const ACCOUNT_LIMIT = { maxFailures: 5, windowMs: 15 * 60_000 };
const MINUTE = 60_000;

function secondsUntil(at: Date): number {
  return Math.max(1, Math.ceil((at.getTime() - Date.now()) / 1000));
}

function tooMany(message: (seconds: number) => string, resetsAt: Date): AppError {
  const seconds = secondsUntil(resetsAt);
  return new AppError("rate_limited", message(seconds), { headers: { "retry-after": String(seconds) } });
}

export function accountLockedError(resetsAt: Date): AppError {
  return tooMany((seconds) => {
    const minutes = Math.ceil(seconds / 60);
    return `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
  }, resetsAt);
}

/** (1) and (2): throws a 429 when the address or the deployment is over its rate. */
export async function checkSignInRate(address: string): Promise<void> {
  const limits = env();
  const mine = await countAttempt(`ip:${address}`, MINUTE);
  if (mine.attempts > limits.SIGN_IN_PER_IP_PER_MINUTE) {
    throw tooMany((s) => `Too many sign-in attempts from your address. Try again in ${s} seconds.`, mine.resetsAt);
  }
  const all = await countAttempt("global", MINUTE);
  if (all.attempts > limits.SIGN_IN_GLOBAL_PER_MINUTE) {
    throw tooMany((s) => `Too many sign-in attempts right now. Try again in ${s} seconds.`, all.resetsAt);
  }
}

export function accountKey(email: string, address: string): string {
  return `account:${email}|${address}`;
}

/** (3): counts this attempt for the pair; throws a 429 when the pair has used up its failures. */
export async function countAccountAttempt(key: string): Promise<AttemptCount> {
  const count = await countAttempt(key, ACCOUNT_LIMIT.windowMs);
  if (count.attempts > ACCOUNT_LIMIT.maxFailures) throw accountLockedError(count.resetsAt);
  return count;
}
