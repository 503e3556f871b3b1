import { DELETE as deleteNamed, PATCH as patchNamed } from "@/app/api/admin/tiers/[name]/route";
import { withRoute } from "@/lib/auth/with-route";
import { tierOrderSchema } from "@/lib/config/config-schemas";
import { reorderTiers } from "@/lib/config/manage-tiers";
import { parseBody } from "@/lib/http/parse-body";

/** Set the catalog order: `{ "order": [every tier's name] }` → ranks 0, 1, 2, … `auditId`: the entry to revert for Undo. */
export const POST = withRoute({ permission: "tiers:manage" }, async (req, { session }) => {
  const { order } = await parseBody(req, tierOrderSchema);
  return reorderTiers({ id: session.user.id, email: session.user.email }, order);
});

// This static segment shadows a tier that is actually named "reorder": serve it too.
const named = { params: Promise.resolve({ name: "reorder" }) };
export const PATCH = (req: Request) => patchNamed(req, named);
export const DELETE = (req: Request) => deleteNamed(req, named);
