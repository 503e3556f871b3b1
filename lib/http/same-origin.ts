/**
 * CSRF defence for cookie-authenticated routes: a state-changing request that a browser sends
 * from another site carries an Origin (or Sec-Fetch-Site: cross-site) we can refuse.
 * Requests without either (curl, scripts) are not browser cross-site requests.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isCrossSiteMutation(req: Request): boolean {
  if (SAFE_METHODS.has(req.method)) return false;
  if (req.headers.get("sec-fetch-site") === "cross-site") return true;
  const origin = req.headers.get("origin");
  if (!origin) return false;
  if (origin === "null") return true;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? new URL(req.url).host;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}
