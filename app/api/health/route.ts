import { pingDatabase } from "@/lib/db/health-repo";
import { gatewayRuntime } from "@/lib/gateway/gateway-runtime";
import { VERSION } from "@/lib/version";

export const dynamic = "force-dynamic";

export async function GET() {
  const isDbUp = await pingDatabase();
  const { queued, written, dropped, lastError } = gatewayRuntime().writer.stats();
  return Response.json(
    { status: isDbUp ? "ok" : "degraded", db: isDbUp ? "ok" : "down", version: VERSION, requestLog: { queued, written, dropped, lastError } },
    { status: isDbUp ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
