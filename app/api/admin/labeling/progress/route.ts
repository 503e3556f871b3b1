import { withRoute } from "@/lib/auth/with-route";
import { parseQuery } from "@/lib/http/parse-body";
import { labelingProgress } from "@/lib/labeling/labeling-progress";
import { progressQuerySchema } from "@/lib/labeling/labeling-schemas";

/** Labels I made since `since` (default: midnight UTC) and what is left in the queue. */
export const GET = withRoute({ permission: "labels:write" }, async (req, { session }) => {
  const query = parseQuery(new URL(req.url), progressQuerySchema);
  return Response.json(await labelingProgress(session.user.id, query), { headers: { "cache-control": "no-store" } });
});
