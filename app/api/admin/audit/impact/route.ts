import { z } from "zod";
import { can } from "@/lib/auth/permissions";
import { withRoute } from "@/lib/auth/with-route";
import { AppError } from "@/lib/http/app-error";
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
 * audit:read, or policies:manage for `of=all` (the policies page's review).
 */
export const GET = withRoute({}, async (req, { session }) => {
  const query = parseQuery(new URL(req.url), querySchema);
  // A product owner reviews policy settings: the policy's own traffic count is theirs to see.
  const isPolicySettings = "policy" in query && query.of === "all";
  if (!can(session.user.role, "audit:read") && !(isPolicySettings && can(session.user.role, "policies:manage"))) throw new AppError("forbidden", "Your role does not allow this.");
  return trafficImpact("tier" in query ? { tier: query.tier } : { policy: query.policy, of: query.of }, query.days);
});
