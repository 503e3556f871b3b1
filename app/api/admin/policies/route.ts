import { listPolicyOptions } from "@/lib/db/policy-options-repo";
import { withRoute } from "@/lib/http/with-route";

/** Every policy's name, default flag and tiers (cheapest first), for the console's selects. */
export const GET = withRoute({ permission: "overview:view" }, async () => ({ items: await listPolicyOptions() }));
