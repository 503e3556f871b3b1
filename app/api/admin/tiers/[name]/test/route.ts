import { testTierConnection } from "@/lib/config/manage-tiers";
import { withRoute } from "@/lib/http/with-route";

/** Test the saved tier's connection: `{ ok, latencyMs, message }` (200 either way). */
export const POST = withRoute<{ name: string }>({ permission: "tiers:manage" }, async (_req, { session, params }) => ({
  result: await testTierConnection({ id: session.user.id, email: session.user.email }, params.name),
}));
