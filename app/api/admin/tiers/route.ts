import { withRoute } from "@/lib/auth/with-route";
import { createTier, listTiers } from "@/lib/config/manage-tiers";
import { readJson } from "@/lib/http/parse-body";

/** The tier catalog in rank order; credentials only as a hint ("…k3Xz"), never the key. */
export const GET = withRoute({ permission: "tiers:manage" }, async () => ({ tiers: await listTiers() }));

/** Create a tier (tierSchema); 400 with field paths, 409 when the name is taken. `auditId`: the entry to revert for Undo. */
export const POST = withRoute({ permission: "tiers:manage" }, async (req, { session }) => {
  const { auditId, ...tier } = await createTier({ id: session.user.id, email: session.user.email }, await readJson(req));
  return Response.json({ tier, auditId }, { status: 201 });
});
