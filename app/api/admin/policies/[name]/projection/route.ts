import { withRoute } from "@/lib/auth/with-route";
import { projectionSample } from "@/lib/lab/traffic-projection";

/** The sample behind the bias slider's projection: the policy's own recent traffic when there is enough of it, else the shipped prior. */
export const GET = withRoute<{ name: string }>({ permission: "policies:manage" }, async (_req, { params }) => projectionSample(params.name));
