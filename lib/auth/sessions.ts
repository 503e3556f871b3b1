/**
 * Resolving a session token to its user, for pages (cookies()) and route handlers (Request).
 * Expired sessions and disabled users resolve to null. Sessions slide: activity extends them.
 */
import type { Role } from "./permissions";
import { readCookie, SESSION_COOKIE, sessionIdOf, sessionTtlMs } from "./session-cookie";
import { deleteSession, findSessionWithUser, touchSession } from "../db/session-repo";

export type SessionUser = { id: string; email: string; name: string; role: Role };
export type Session = { id: string; user: SessionUser };

const TOUCH_EVERY_MS = 10 * 60_000;

export async function sessionFromToken(token: string | undefined): Promise<Session | null> {
  if (!token || token.length > 200) return null;
  const id = sessionIdOf(token);
  const row = await findSessionWithUser(id);
  if (!row) return null;
  if (row.expiresAt.getTime() <= Date.now() || row.user.disabled) {
    await deleteSession(id);
    return null;
  }
  if (Date.now() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await touchSession(id, new Date(Date.now() + sessionTtlMs()));
  }
  const { user } = row;
  return { id, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}

export function sessionFromRequest(req: Request): Promise<Session | null> {
  return sessionFromToken(readCookie(req.headers.get("cookie"), SESSION_COOKIE));
}
