/** GET /api/admin/overview: rollup (or raw) aggregates → the overview's charts. */
import { overviewCounts, overviewLatency, tierOrder } from "../db/overview-repo";
import { shapeOverview, type Overview } from "./shape-overview";
import { resolveRange, type Bucket } from "./time-range";

export async function getOverview(q: { from: Date; to: Date; bucket?: Bucket }): Promise<Overview> {
  const range = resolveRange(q);
  const [counts, latency, tiers] = await Promise.all([overviewCounts(range), overviewLatency(range), tierOrder()]);
  return shapeOverview(range, counts, latency, tiers);
}
