/** Where to go after sign-in: only same-site paths, never `//evil.example` or absolute URLs. */
export function safeNextPath(next: string | undefined | null, fallback = "/overview"): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return fallback;
  if (next.startsWith("/sign-in")) return fallback;
  return next;
}
