import { withRoute } from "@/lib/auth/with-route";
import { policyPatchSchema } from "@/lib/config/config-schemas";
import { getPolicyDetail, updatePolicy } from "@/lib/config/manage-policies";
import { parseBody } from "@/lib/http/parse-body";

/** The policy's settings, its tiers (no secrets) and the classifier the gateway uses for it. */
export const GET = withRoute<{ name: string }>({ permission: "policies:manage" }, async (_req, { params }) => getPolicyDetail(params.name));

/** Change bias, fallback, escalation, hedging, speculative, intent, explore, shadow, verdict, storePrompts (merged, then policySchema). `auditId`: the entry to revert for Undo. */
export const PATCH = withRoute<{ name: string }>({ permission: "policies:manage" }, async (req, { session, params }) => {
  const patch = await parseBody(req, policyPatchSchema);
  return updatePolicy({ id: session.user.id, email: session.user.email }, params.name, patch);
});
