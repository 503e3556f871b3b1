import { withRoute } from "@/lib/auth/with-route";
import { policyHistory } from "@/lib/config/manage-policies";

/** The policy's audit entries (settings and rule changes), newest first, with before/after. */
export const GET = withRoute<{ name: string }>({ permission: "policies:manage" }, async (_req, { params }) => ({
  entries: await policyHistory(params.name),
}));
