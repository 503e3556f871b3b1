/**
 * The ledger's SQL: one aggregate per policy × tier over the hourly rollups of a range (never a
 * scan of the request log), and the reviewer labels of the range's requests by verdict.
 */
import { LATENCY_BUCKETS, OVERHEAD_LAYOUT, sumArraySql } from "./rollup-histograms";
import { ROLLUP_RANGE } from "./overview-repo";
import { pgPool } from "./pg-pool";

export type LedgerRow = {
  policy: string;
  tier: string;
  requests: number;
  errors: number;
  escalations: number;
  hedges: number;
  explored: number;
  costUsd: number;
  baselineCostUsd: number;
  escalationWasteUsd: number;
  hedgeWasteUsd: number;
  exploreCostUsd: number;
  qualitySum: number;
  qualityN: number;
  overheadHist: number[];
  escalationWaitHist: number[];
};

export async function ledgerRows(range: { from: Date; to: Date }, policy?: string): Promise<LedgerRow[]> {
  const { rows } = await pgPool().query<LedgerRow>(
    `SELECT policy, tier, sum(requests)::int AS requests, (sum(requests) FILTER (WHERE status = 'error'))::int AS errors,
            sum(escalations)::int AS escalations, sum(hedges)::int AS hedges, sum(explored)::int AS explored,
            sum("costUsd") AS "costUsd", sum("baselineCostUsd") AS "baselineCostUsd", sum("escalationWasteUsd") AS "escalationWasteUsd",
            sum("hedgeWasteUsd") AS "hedgeWasteUsd", sum("exploreCostUsd") AS "exploreCostUsd", sum("qualitySum") AS "qualitySum", sum("qualityN")::int AS "qualityN",
            ${sumArraySql(`"overheadHist"`, OVERHEAD_LAYOUT.buckets)} AS "overheadHist", ${sumArraySql(`"escalationWaitHist"`, LATENCY_BUCKETS)} AS "escalationWaitHist"
     FROM "RequestRollup" WHERE ${ROLLUP_RANGE} AND ($3::text IS NULL OR policy = $3) GROUP BY 1, 2`,
    [range.from, range.to, policy ?? null],
  );
  return rows.map((r) => ({ ...r, errors: r.errors ?? 0 }));
}

/** Requests of one policy in the range, from the hourly rollups (the current volume behind per-month figures). */
export async function countPolicyRequests(policy: string, from: Date, to: Date): Promise<number> {
  const { rows } = await pgPool().query<{ n: number }>(`SELECT coalesce(sum(requests), 0)::int AS n FROM "RequestRollup" WHERE ${ROLLUP_RANGE} AND policy = $3`, [from, to, policy]);
  return rows[0]?.n ?? 0;
}

export type LabelCounts = { policy: string; sample: string; verdict: string; n: number };

/** Reviewer labels of requests logged in the range, by policy, sample (random | uncertain) and verdict. */
export async function labelCounts(range: { from: Date; to: Date }, policy?: string): Promise<LabelCounts[]> {
  const { rows } = await pgPool().query<LabelCounts>(
    `SELECT coalesce(r."policyName", '') AS policy, l.sample, l.verdict::text AS verdict, count(*)::int AS n
     FROM "Label" l JOIN "RequestLog" r ON r.id = l."requestId"
     WHERE r."createdAt" >= $1 AND r."createdAt" < $2 AND ($3::text IS NULL OR r."policyName" = $3) GROUP BY 1, 2, 3`,
    [range.from, range.to, policy ?? null],
  );
  return rows;
}
