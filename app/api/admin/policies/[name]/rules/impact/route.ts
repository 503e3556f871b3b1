import { withRoute } from "@/lib/auth/with-route";
import { ruleImpact } from "@/lib/config/rule-impact";
import { readJson } from "@/lib/http/parse-body";

/** A draft rule list `{ "rules": [...] }` (not saved) against the policy's last 7 days of logged requests: outcome changes, matches, samples. */
export const POST = withRoute<{ name: string }>({ permission: "rules:manage" }, async (req, { params }) => ruleImpact(params.name, await readJson(req)));
