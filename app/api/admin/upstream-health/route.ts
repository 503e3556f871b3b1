import { z } from "zod";
import { getUpstreamHealth } from "@/lib/alerts/get-upstream-health";
import { withRoute } from "@/lib/auth/with-route";
import { parseQuery } from "@/lib/http/parse-body";

const query = z.object({ window: z.coerce.number().int().min(5, "window: at least 5 minutes").max(1440, "window: at most 1440 minutes (a day)").default(15) });

/** Per tier and upstream: latency, errors by class, breaker state and history, last errors. */
export const GET = withRoute({ permission: "health:view" }, async (req) => getUpstreamHealth(parseQuery(new URL(req.url), query).window));
