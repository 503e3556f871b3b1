import { withRoute } from "@/lib/auth/with-route";
import { buildProjectionSample } from "@/lib/config/policy-projection";

/** A labeled sample scored by the policy's current classifier, for the bias slider's projection. */
export const GET = withRoute<{ name: string }>({ permission: "policies:manage" }, async (_req, { params }) => buildProjectionSample(params.name));
