/**
 * Resolving a session token to its user, for pages (cookies()) and route handlers (Request).
 * Expired sessions and disabled users resolve to null. Sessions slide — activity extends them by
 * SESSION_TTL_HOURS — but never past SESSION_MAX_AGE_DAYS from their sign-in.
 */
import type { Role } from "./permissions";
import { readCookie, SESSION_COOKIE, sessionExpiry, sessionIdOf, sessionMaxAgeMs } from "./session-cookie";
import { deleteSession, findSessionWithUser, touchSession } from "../db/session-repo";

export type SessionUser = { id: string; email: string; name: string; role: Role };
export type Session = { id: string; user: SessionUser };

const TOUCH_EVERY_MS = 10 * 60_000;

export async function sessionFromToken(token: string | undefined): Promise<Session | null> {
  if (!token || token.length > 200) return null;
  const id = sessionIdOf(token);
  const row = await findSessionWithUser(id);
  if (!row) return null;
  const now = Date.now();
  if (row.expiresAt.getTime() <= now || row.createdAt.getTime() + sessionMaxAgeMs() <= now || row.user.disabled) {
    await deleteSession(id);
    return null;
  }
  if (now - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) await touchSession(id, sessionExpiry(row.createdAt, now));
  const { user } = row;
  return { id, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}

export function sessionFromRequest(req: Request): Promise<Session | null> {
  return sessionFromToken(readCookie(req.headers.get("cookie"), SESSION_COOKIE));
}
