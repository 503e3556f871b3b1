/** Bulk writes of the demo backfill: its labels (the requests go through insertRequestLogsWith). */
import type pg from "pg";

export type DemoLabel = {
  id: string;
  requestId: string;
  verdict: "correct" | "should-be-cheaper" | "should-be-more-capable";
  correctTierId: string | null;
  sample: "random" | "uncertain";
  note: string;
  createdAt: Date;
};

export async function insertDemoLabels(client: Pick<pg.PoolClient, "query">, labels: readonly DemoLabel[]): Promise<number> {
  if (!labels.length) return 0;
  const result = await client.query(
    `INSERT INTO "Label" (id, "requestId", "reviewerId", verdict, "correctTierId", note, sample, "createdAt")
     SELECT id, "requestId", NULL, verdict, "correctTierId", note, sample, "createdAt" FROM json_populate_recordset(NULL::"Label", $1::json)
     ON CONFLICT (id) DO NOTHING`,
    [JSON.stringify(labels)],
  );
  return result.rowCount ?? 0;
}

export type DemoShadowPair = {
  id: string;
  requestId: string;
  createdAt: Date;
  policyName: string;
  servedTier: string;
  shadowTier: string;
  judgeTier: string | null;
  verdict: string;
  method: string;
  judgeText: string;
  shadowCostUsd: number;
  judgeCostUsd: number;
  shadowMs: number;
};

export async function insertDemoShadowPairs(client: Pick<pg.PoolClient, "query">, pairs: readonly DemoShadowPair[]): Promise<number> {
  if (!pairs.length) return 0;
  const result = await client.query(
    `INSERT INTO "ShadowPair" (id, "requestId", "createdAt", "policyName", "servedTier", "shadowTier", "judgeTier", verdict, method, "judgeText", "shadowCostUsd", "judgeCostUsd", "shadowMs", "isDemo")
     SELECT id, "requestId", "createdAt", "policyName", "servedTier", "shadowTier", "judgeTier", verdict, method, "judgeText", "shadowCostUsd", "judgeCostUsd", "shadowMs", true
     FROM json_populate_recordset(NULL::"ShadowPair", $1::json)
     ON CONFLICT (id) DO NOTHING`,
    [JSON.stringify(pairs)],
  );
  return result.rowCount ?? 0;
}
