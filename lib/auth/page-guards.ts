/**
 * Server-side checks for console pages (Server Components). A page calls
 * `await requirePermission("users:manage")` first: no session → sign-in, wrong role → 403.
 */
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { can, type Permission } from "./permissions";
import { SESSION_COOKIE } from "./session-cookie";
import { sessionFromToken, type Session } from "./sessions";

export const currentSession = cache(async (): Promise<Session | null> => {
  const jar = await cookies();
  return sessionFromToken(jar.get(SESSION_COOKIE)?.value);
});

export async function requireSession(): Promise<Session> {
  const session = await currentSession();
  if (!session) {
    const path = (await headers()).get("x-pathname") ?? "/overview";
    redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  }
  return session;
}

export async function requirePermission(permission: Permission): Promise<Session> {
  const session = await requireSession();
  if (!can(session.user.role, permission)) forbidden();
  return session;
}
