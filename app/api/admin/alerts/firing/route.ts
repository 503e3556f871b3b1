import { withRoute } from "@/lib/auth/with-route";
import { alertStatus } from "@/lib/monitoring/firing-alerts";

/** The drift alerts firing now (every role: the banner on every console page polls this). */
export const GET = withRoute({ permission: "overview:view" }, async () => {
  const { checkedAt, firing } = await alertStatus();
  return { checkedAt, firing };
});
