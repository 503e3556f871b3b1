import { z } from "zod";
import { withRoute } from "@/lib/auth/with-route";
import { parseQuery } from "@/lib/http/parse-body";
import { trafficImpact } from "@/lib/monitoring/traffic-impact";

const querySchema = z.union([
  z.strictObject({ tier: z.string().trim().min(1).max(200), days: z.coerce.number().int().min(1).max(90).default(7) }),
  z.strictObject({
    policy: z.string().trim().min(1).max(200),
    of: z.enum(["rules", "all"]).default("rules"),
    days: z.coerce.number().int().min(1).max(90).default(7),
  }),
]);

/**
 * Requests of the last `days` (default 7) that went to `tier`, that `policy`'s rules routed, or
 * (`of=all`) that `policy` served, with its escalated, hedged and explored ones: the confirm dialogs' impact line.
 */
export const GET = withRoute({ permission: "audit:read" }, async (req) => {
  const query = parseQuery(new URL(req.url), querySchema);
  return trafficImpact("tier" in query ? { tier: query.tier } : { policy: query.policy, of: query.of }, query.days);
});
