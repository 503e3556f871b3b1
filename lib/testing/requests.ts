/**
 * Building Requests for route handlers in integration tests, and getting signed-in users.
 */
import { randomBytes } from "node:crypto";
import { POST as signInRoute } from "../../app/api/auth/sign-in/route";
import { createUser } from "../auth/manage-users";
import type { Role } from "../auth/permissions";
import { SYSTEM_ACTOR } from "../db/audit-repo";

export const TEST_ORIGIN = "http://localhost:3000";

export function jsonRequest(
  method: string,
  path: string,
  opts: { body?: unknown; rawBody?: string; cookie?: string; origin?: string; headers?: Record<string, string> } = {},
): Request {
  const headers: Record<string, string> = { host: "localhost:3000", ...opts.headers };
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.origin) headers.origin = opts.origin;
  const body = opts.rawBody ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined);
  if (body !== undefined) headers["content-type"] ??= "application/json";
  return new Request(`${TEST_ORIGIN}${path}`, { method, headers, body });
}

export function cookieFrom(res: Response): string {
  const setCookie = res.headers.get("set-cookie");
  if (!setCookie) throw new Error(`no Set-Cookie in the response (status ${res.status})`);
  return setCookie.split(";")[0]!;
}

export async function makeUser(role: Role, overrides: { email?: string; password?: string } = {}) {
  const email = overrides.email ?? `${role}-${randomBytes(4).toString("hex")}@example.com`;
  const password = overrides.password ?? `pw-${randomBytes(6).toString("hex")}`;
  const user = await createUser(SYSTEM_ACTOR, { email, name: `${role} user`, role, password });
  return { ...user, password };
}

export function routeParams<P>(params: P) {
  return { params: Promise.resolve(params) };
}

/** A new user of the role, signed in through the sign-in route: its cookie with it. */
export async function signedIn(role: Role) {
  const user = await makeUser(role);
  const cookie = cookieFrom(await signInRoute(jsonRequest("POST", "/api/auth/sign-in", { body: { email: user.email, password: user.password } })));
  return { ...user, cookie };
}
