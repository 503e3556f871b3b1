/**
 * The policy's own recent traffic for the bias slider's projection: the newest answered requests
 * with what the classifier said, what they cost in tokens, and the direct evidence on them — a
 * reviewer's label (with the tier it named) and a graded shadow pair.
 */
import { pgPool } from "./pg-pool";
import { NEWEST_GRADED_PAIR_SQL } from "./shadow-repo";

export type TrafficSampleRow = {
  prompt: string | null;
  tierName: string | null;
  promptTokens: number;
  completionTokens: number;
  /** The recorded classifier output and the classifier's id. */
  p: number[] | null;
  classifierId: string | null;
  label: { verdict: "correct" | "should-be-cheaper" | "should-be-more-capable"; correctTier: string | null } | null;
  shadow: { servedTier: string; shadowTier: string; verdict: string } | null;
};

const SQL = `SELECT r.prompt, r."tierName", r."promptTokens", r."completionTokens",
    r.decision->'scores'->'p' AS p, r.decision->'scores'->'classifier'->>'id' AS "classifierId",
    (SELECT jsonb_build_object('verdict', l.verdict::text, 'correctTier', t.name) FROM "Label" l LEFT JOIN "Tier" t ON t.id = l."correctTierId"
      WHERE l."requestId" = r.id ORDER BY (l.sample = 'random') DESC, l."createdAt" DESC LIMIT 1) AS label,
    ${NEWEST_GRADED_PAIR_SQL} AS shadow
  FROM "RequestLog" r
  WHERE r."policyName" = $1 AND r."createdAt" >= $2 AND r."createdAt" < $3 AND r.status = 'ok' AND r."tierName" IS NOT NULL
  ORDER BY r."createdAt" DESC LIMIT $4`;

export async function readTrafficSample(q: { policy: string; from: Date; to: Date; limit: number }): Promise<TrafficSampleRow[]> {
  return (await pgPool().query<TrafficSampleRow>(SQL, [q.policy, q.from, q.to, q.limit])).rows;
}
