import { withRoute } from "@/lib/auth/with-route";
import { parseQuery } from "@/lib/http/parse-body";
import { driftQuerySchema, getDrift } from "@/lib/monitoring/get-drift";

/** Tier mix and score drift (PSI) against a baseline window, last-stage share, misroute rates. */
export const GET = withRoute({ permission: "drift:view" }, async (req) => {
  const query = parseQuery(new URL(req.url), driftQuerySchema);
  return getDrift(query);
});
