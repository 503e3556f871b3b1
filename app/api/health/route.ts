import { sessionFromRequest } from "@/lib/auth/sessions";
import { pingDatabase } from "@/lib/db/health-repo";
import { gatewayWarnings } from "@/lib/gateway/gateway-health";
import { gatewayRuntime } from "@/lib/gateway/gateway-runtime";
import { VERSION } from "@/lib/version";

export const dynamic = "force-dynamic";

/**
 * Liveness for load balancers: `{ status }` with 200 (ok) or 503 (degraded) to anyone. Signed-in
 * users also get the details (database, version, the request-log queue — rows and estimated bytes —
 * and its last error, whether pins are shared through Redis and how often that store failed, the
 * shared state's connection, and warnings: several instances without REDIS_URL, Redis down).
 * Load balancers: /api/health/live and /api/health/ready on every process (lib/gateway/gateway-health).
 */
export async function GET(req: Request) {
  const isDbUp = await pingDatabase();
  const init = { status: isDbUp ? 200 : 503, headers: { "cache-control": "no-store" } };
  const status = isDbUp ? "ok" : "degraded";
  const session = isDbUp ? await sessionFromRequest(req).catch(() => null) : null;
  if (!session) return Response.json({ status }, init);
  const runtime = gatewayRuntime();
  const { queued, queuedBytes, written, dropped, lastError } = runtime.requestLog.stats();
  const warnings = await gatewayWarnings(runtime).catch(() => []);
  return Response.json(
    { status, db: isDbUp ? "ok" : "down", version: VERSION, requestLog: { queued, queuedBytes, written, dropped, lastError }, pins: { shared: runtime.pins.isShared, sharedStoreErrors: runtime.pins.remoteErrors }, sharedState: runtime.sharedState(), warnings },
    init,
  );
}
