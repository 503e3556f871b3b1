import { withRoute } from "@/lib/auth/with-route";
import { getPolicyRules, replaceRules } from "@/lib/config/manage-rules";
import { readJson } from "@/lib/http/parse-body";

/** The policy's rules in order, and the tiers a rule may target. */
export const GET = withRoute<{ name: string }>({ permission: "rules:manage" }, async (_req, { params }) => getPolicyRules(params.name));

/** Replace the whole ordered list atomically: `{ "rules": [...] }`; any bad rule → 400, nothing changes. */
export const PUT = withRoute<{ name: string }>({ permission: "rules:manage" }, async (req, { session, params }) =>
  replaceRules({ id: session.user.id, email: session.user.email }, params.name, await readJson(req)),
);
