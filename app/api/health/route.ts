import { pingDatabase } from "@/lib/db/health-repo";
import { VERSION } from "@/lib/version";

export const dynamic = "force-dynamic";

export async function GET() {
  const isDbUp = await pingDatabase();
  return Response.json(
    { status: isDbUp ? "ok" : "degraded", db: isDbUp ? "ok" : "down", version: VERSION },
    { status: isDbUp ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
