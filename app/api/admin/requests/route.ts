import { withRoute } from "@/lib/auth/with-route";
import { listRequests } from "@/lib/db/request-log-repo";
import { parseQuery } from "@/lib/http/parse-body";
import { requestFiltersSchema } from "@/lib/monitoring/request-filters";

/** Recent requests with their decision trace, filtered and keyset-paginated (`nextCursor`). */
export const GET = withRoute({ permission: "requests:view" }, async (req) => {
  const filters = parseQuery(new URL(req.url), requestFiltersSchema);
  return listRequests(filters);
});
