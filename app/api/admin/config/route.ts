import { z } from "zod";
import { can } from "@/lib/auth/permissions";
import { withRoute } from "@/lib/auth/with-route";
import { applyConfig, exportConfig } from "@/lib/config/apply-config";
import { parseQuery, readJson } from "@/lib/http/parse-body";

/** The routing config as code (same format as `frontdesk config export`; no secrets). */
export const GET = withRoute({ permission: "config:manage" }, async () => exportConfig());

const applyQuery = z.object({ prune: z.enum(["0", "1", "true", "false"]).optional() });

/**
 * Apply a config file: 200 with what changed, 400 listing every problem by path, or 403 when the
 * file changes what the caller's role may not (an ops user changing a policy's bias).
 */
export const POST = withRoute({ permission: "config:manage" }, async (req, { session }) => {
  const { prune } = parseQuery(new URL(req.url), applyQuery);
  const input = await readJson(req, 5_000_000);
  const summary = await applyConfig(input, {
    prune: prune === "1" || prune === "true",
    actor: { id: session.user.id, email: session.user.email },
    can: (permission) => can(session.user.role, permission),
  });
  return { applied: summary };
});
