/**
 * Where to go after sign-in: a path on this site, never another origin. The path is resolved
 * against a placeholder origin the way a browser would and kept only if the origin is unchanged,
 * so `//evil.example`, `/\evil.example`, `https:evil.example` and friends fall back. Control
 * characters and backslashes are refused outright: browsers drop tabs and newlines from URLs
 * (`/\t/evil.example` becomes `//evil.example`) and read `\` as `/`. The answer is the resolved,
 * percent-encoded path, so what was checked is exactly what is sent.
 */
const PLACEHOLDER = "http://frontdesk.invalid";
const UNSAFE_CHARS = /[\u0000-\u001f\u007f\\]/;
const MAX_LENGTH = 2048;

export function safeNextPath(next: unknown, fallback = "/overview"): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.length > MAX_LENGTH || UNSAFE_CHARS.test(next)) return fallback;
  let url: URL;
  try {
    url = new URL(next, PLACEHOLDER);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER || url.username || url.password) return fallback;
  if (url.pathname === "/sign-in" || url.pathname.startsWith("/sign-in/")) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith("//") ? fallback : path;
}
