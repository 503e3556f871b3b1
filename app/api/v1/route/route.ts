import { handleRouteDryRun } from "@/lib/gateway/handle-route-and-models";

export const dynamic = "force-dynamic";

/** The routing decision for a chat request, without calling any upstream. */
export function POST(req: Request) {
  return handleRouteDryRun(req);
}
