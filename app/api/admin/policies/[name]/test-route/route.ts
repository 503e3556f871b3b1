import { withRoute } from "@/lib/auth/with-route";
import { testRouteSchema } from "@/lib/config/config-schemas";
import { testRoute } from "@/lib/config/test-route";
import { parseBody } from "@/lib/http/parse-body";

/** The decision the engine would make with the saved config (no upstream call, nothing recorded). */
export const POST = withRoute<{ name: string }>({ permission: "rules:manage" }, async (req, { params }) => {
  const input = await parseBody(req, testRouteSchema);
  return testRoute(params.name, input);
});
