import { withRoute } from "@/lib/auth/with-route";
import { listPolicyOptions } from "@/lib/db/policy-options-repo";

/** Every policy's name, default flag and tiers (cheapest first), for the console's selects. */
export const GET = withRoute({ permission: "overview:view" }, async () => ({ items: await listPolicyOptions() }));
