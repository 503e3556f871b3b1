/**
 * Email + password sign-in. Before the password is hashed the attempt passes the limits of
 * sign-in-limits.ts (per address, global, per account and address). Unknown emails cost the same
 * time and count failures the same way as known ones, so responses don't reveal who exists.
 */
import { AppError } from "../http/app-error";
import { addressBucket } from "../http/client-ip";
import { insertSession, deleteSession } from "../db/session-repo";
import { clearThrottle } from "../db/throttle-repo";
import { findUserForSignIn, markSignedIn } from "../db/user-repo";
import { dummyHash, verifyPassword } from "./password";
import { pruneAuthRowsNowAndThen } from "./prune-auth-rows";
import { newSessionToken, sessionExpiry, sessionIdOf } from "./session-cookie";
import type { SessionUser } from "./sessions";
import { ACCOUNT_LIMIT, accountKey, accountLockedError, checkSignInRate, countAccountAttempt } from "./sign-in-limits";
import type { SignInInput } from "./user-schemas";

/** The sign-in body (email + password, a few hundred bytes) is read only up to this: it is open to anyone. */
export const SIGN_IN_BODY_LIMIT_BYTES = 4096;

const BAD_CREDENTIALS = "That email and password don't match an active account.";

/** `ip`: the client's address as the server saw it (lib/http/client-ip). */
export async function signIn(
  input: SignInInput,
  meta: { userAgent?: string; ip?: string } = {},
): Promise<{ token: string; user: SessionUser; expiresAt: Date }> {
  const address = addressBucket(meta.ip ?? "unknown");
  await checkSignInRate(address);
  const key = accountKey(input.email, address);
  const attempt = await countAccountAttempt(key);
  pruneAuthRowsNowAndThen();

  const user = await findUserForSignIn(input.email);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !ok || user.disabled) {
    if (attempt.attempts >= ACCOUNT_LIMIT.maxFailures) throw accountLockedError(attempt.resetsAt);
    throw new AppError("unauthorized", BAD_CREDENTIALS);
  }

  await clearThrottle(key);
  const token = newSessionToken();
  const expiresAt = sessionExpiry(new Date());
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
