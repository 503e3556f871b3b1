import { sessionFromRequest } from "@/lib/auth/sessions";
import { pingDatabase } from "@/lib/db/health-repo";
import { gatewayRuntime } from "@/lib/gateway/gateway-runtime";
import { VERSION } from "@/lib/version";

export const dynamic = "force-dynamic";

/**
 * Liveness for load balancers: `{ status }` with 200 (ok) or 503 (degraded) to anyone. Signed-in
 * users also get the details (database, version, the request-log queue and its last error).
 */
export async function GET(req: Request) {
  const isDbUp = await pingDatabase();
  const init = { status: isDbUp ? 200 : 503, headers: { "cache-control": "no-store" } };
  const status = isDbUp ? "ok" : "degraded";
  const session = isDbUp ? await sessionFromRequest(req).catch(() => null) : null;
  if (!session) return Response.json({ status }, init);
  const { queued, written, dropped, lastError } = gatewayRuntime().writer.stats();
  return Response.json({ status, db: isDbUp ? "ok" : "down", version: VERSION, requestLog: { queued, written, dropped, lastError } }, init);
}
