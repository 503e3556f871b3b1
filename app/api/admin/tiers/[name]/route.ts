import { withRoute } from "@/lib/auth/with-route";
import { tierPatchSchema } from "@/lib/config/config-schemas";
import { deleteTier, updateTier } from "@/lib/config/manage-tiers";
import { parseBody } from "@/lib/http/parse-body";

/** Change a tier (anything but its name); `apiKey` replaces the stored key, `apiKey: null` removes it. `auditId`: the entry to revert for Undo. */
export const PATCH = withRoute<{ name: string }>({ permission: "tiers:manage" }, async (req, { session, params }) => {
  const patch = await parseBody(req, tierPatchSchema);
  const { auditId, ...tier } = await updateTier({ id: session.user.id, email: session.user.email }, params.name, patch);
  return { tier, auditId };
});

/** Delete a tier; 409 naming the policies while any uses it. `auditId`: the entry to revert for Undo. */
export const DELETE = withRoute<{ name: string }>({ permission: "tiers:manage" }, async (_req, { session, params }) => {
  const { auditId } = await deleteTier({ id: session.user.id, email: session.user.email }, params.name);
  return { ok: true, auditId };
});
