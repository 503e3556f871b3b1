import { withRoute } from "@/lib/auth/with-route";
import { testTierConnection } from "@/lib/config/manage-tiers";

/** Test the saved tier's connection: `{ ok, latencyMs, message }` (200 either way). */
export const POST = withRoute<{ name: string }>({ permission: "tiers:manage" }, async (_req, { session, params }) => ({
  result: await testTierConnection({ id: session.user.id, email: session.user.email }, params.name),
}));
