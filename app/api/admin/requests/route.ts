import { listRequests } from "@/lib/db/request-log-repo";
import { requestFiltersSchema } from "@/lib/gateway/request-filters";
import { parseQuery } from "@/lib/http/parse-body";
import { withRoute } from "@/lib/http/with-route";

/** Recent requests with their decision trace, filtered and keyset-paginated (`nextCursor`). */
export const GET = withRoute({ permission: "requests:view" }, async (req) => {
  const filters = parseQuery(new URL(req.url), requestFiltersSchema);
  return listRequests(filters);
});
