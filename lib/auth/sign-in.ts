/**
 * Email + password sign-in with a lock after repeated failures. Unknown emails cost the same
 * time and count failures the same way as known ones, so responses don't reveal who exists.
 */
import { AppError } from "../http/app-error";
import { insertSession, deleteSession } from "../db/session-repo";
import { clearThrottle, readThrottle, recordFailure } from "../db/throttle-repo";
import { findUserForSignIn, markSignedIn } from "../db/user-repo";
import { dummyHash, verifyPassword } from "./password";
import { newSessionToken, sessionIdOf, sessionTtlMs } from "./session-cookie";
import type { SessionUser } from "./sessions";
import type { SignInInput } from "./user-schemas";

/** The sign-in body (email + password, a few hundred bytes) is read only up to this: it is open to anyone. */
export const SIGN_IN_BODY_LIMIT_BYTES = 4096;

export const THROTTLE = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

const BAD_CREDENTIALS = "That email and password don't match an active account.";

function lockedError(until: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new AppError("rate_limited", `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, {
    headers: { "retry-after": String(seconds) },
  });
}

export async function signIn(
  input: SignInInput,
  meta: { userAgent?: string; ip?: string } = {},
): Promise<{ token: string; user: SessionUser; expiresAt: Date }> {
  const key = input.email;
  const throttle = await readThrottle(key);
  if (throttle?.lockedUntil && throttle.lockedUntil.getTime() > Date.now()) throw lockedError(throttle.lockedUntil);

  const user = await findUserForSignIn(input.email);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !ok || user.disabled) {
    const state = await recordFailure(key, THROTTLE);
    if (state.lockedUntil && state.lockedUntil.getTime() > Date.now()) throw lockedError(state.lockedUntil);
    throw new AppError("unauthorized", BAD_CREDENTIALS);
  }

  await clearThrottle(key);
  const token = newSessionToken();
  const expiresAt = new Date(Date.now() + sessionTtlMs());
  await insertSession({
    id: sessionIdOf(token),
    userId: user.id,
    expiresAt,
    userAgent: meta.userAgent?.slice(0, 300),
    ip: meta.ip?.slice(0, 64),
  });
  await markSignedIn(user.id);
  return { token, expiresAt, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}

export async function signOut(token: string | undefined) {
  if (token) await deleteSession(sessionIdOf(token));
}
