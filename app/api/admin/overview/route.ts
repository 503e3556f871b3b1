import { withRoute } from "@/lib/auth/with-route";
import { parseQuery } from "@/lib/http/parse-body";
import { getOverview } from "@/lib/monitoring/get-overview";
import { rangeQuerySchema } from "@/lib/monitoring/time-range";

/** Traffic, tier and stage shares, cost vs the top-tier baseline, latency and errors for a range. */
export const GET = withRoute({ permission: "overview:view" }, async (req) => {
  const query = parseQuery(new URL(req.url), rangeQuerySchema);
  return getOverview(query);
});
