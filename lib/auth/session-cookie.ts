/**
 * Session tokens and the cookie that carries them. The token is random; the database keeps
 * only its SHA-256, so a leaked database row cannot be replayed as a cookie.
 */
import { createHash, randomBytes } from "node:crypto";
import { env } from "../env";

export const SESSION_COOKIE = "fd_session";

export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

export function sessionIdOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Idle lifetime: each use of a session extends it to this from now (SESSION_TTL_HOURS). */
export function sessionTtlMs(): number {
  return env().SESSION_TTL_HOURS * 3_600_000;
}

/** Absolute lifetime: no session outlives this from its sign-in, however active (SESSION_MAX_AGE_DAYS). */
export function sessionMaxAgeMs(): number {
  return env().SESSION_MAX_AGE_DAYS * 86_400_000;
}

/** When a session created at `createdAt` expires if used at `now`: the idle limit, capped by the absolute one. */
export function sessionExpiry(createdAt: Date, now = Date.now()): Date {
  return new Date(Math.min(now + sessionTtlMs(), createdAt.getTime() + sessionMaxAgeMs()));
}

function isLoopback(host: string) {
  const name = host.replace(/:\d+$/, "").replace(/^\[|\]$/g, "");
  return name === "localhost" || name === "127.0.0.1" || name === "::1";
}

/**
 * Secure cookies in production. Browsers drop Secure cookies sent over plain http except on
 * loopback, so "auto" marks them Secure when the request came over https or to localhost.
 */
export function isSecureRequest(req: { url: string; headers: Headers }): boolean {
  const mode = env().COOKIE_SECURE;
  if (mode !== "auto") return mode === "always";
  if (env().NODE_ENV !== "production") return false;
  const proto = req.headers.get("x-forwarded-proto") ?? new URL(req.url).protocol.replace(":", "");
  return proto === "https" || isLoopback(req.headers.get("host") ?? new URL(req.url).host);
}

export function sessionCookieHeader(token: string, opts: { secure: boolean; maxAgeSeconds: number }): string {
  const parts = [`${SESSION_COOKIE}=${token}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${opts.maxAgeSeconds}`];
  if (opts.secure) parts.push("Secure");
  return parts.join("; ");
}

export function clearedSessionCookieHeader(secure: boolean): string {
  return sessionCookieHeader("", { secure, maxAgeSeconds: 0 });
}

export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}
