import { withRoute } from "@/lib/auth/with-route";
import { countDemoRequests } from "@/lib/db/rollup-repo";
import { removeDemoData } from "@/lib/demo/remove-demo-data";

/** How many demo requests are stored (0: nothing to remove). */
export const GET = withRoute({ permission: "overview:view" }, async () => ({ requests: await countDemoRequests() }));

/** Removes all demo traffic (requests, their labels, their rollups). */
export const DELETE = withRoute({ permission: "config:manage" }, async (_req, { session }) => {
  const removed = await removeDemoData({ id: session.user.id, email: session.user.email });
  return { removed };
});
