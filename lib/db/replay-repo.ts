/**
 * Logged requests for replay, streamed in keyset pages (createdAt, id): memory stays flat however
 * long the range. Only what replay reads comes back (the decision's tier, scores and
 * propensities, the attempts, the first random-sample label), not the whole trace.
 */
import { ORIGIN } from "./overview-repo";
import { pgPool } from "./pg-pool";
import { NEWEST_GRADED_PAIR_SQL } from "./shadow-repo";

export type ReplayRow = {
  id: string;
  createdAt: Date;
  policyName: string;
  tierName: string | null;
  prompt: string | null;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  status: string;
  decision: Record<string, unknown>;
  attempts: unknown[] | null;
  randomLabel: string | null;
  /** The newest graded shadow pair of the request. */
  shadow: { servedTier: string; shadowTier: string; verdict: string } | null;
};

const PAGE_SQL = `SELECT r.id, r."createdAt", r."policyName", r."tierName", r.prompt, r."promptTokens", r."completionTokens", r."costUsd", r.status,
    jsonb_build_object('tier', r.decision->'tier', 'stage', r.decision->'stage', 'scores', r.decision->'scores',
                       'propensities', r.decision->'propensities', 'explored', r.decision->'explored') AS decision,
    r.latency->'attempts' AS attempts,
    (SELECT l.verdict::text FROM "Label" l WHERE l."requestId" = r.id AND l.sample = 'random' ORDER BY l."createdAt" LIMIT 1) AS "randomLabel",
    ${NEWEST_GRADED_PAIR_SQL} AS shadow
  FROM "RequestLog" r
  WHERE r."policyName" = $1 AND r."createdAt" >= $2 AND r."createdAt" < $3
    AND ($4::timestamptz IS NULL OR (r."createdAt", r.id) > ($4::timestamptz, $5::uuid))
  ORDER BY r."createdAt", r.id LIMIT $6`;

export async function* streamReplayRows(q: { policy: string; from: Date; to: Date }, pageSize = 2000): AsyncGenerator<ReplayRow[]> {
  const page = async (cursor: { at: Date; id: string } | null): Promise<ReplayRow[]> =>
    (await pgPool().query<ReplayRow>(PAGE_SQL, [q.policy, q.from, q.to, cursor?.at ?? null, cursor?.id ?? null, pageSize])).rows;
  // the next page is read while the caller works on this one
  let pending = page(null);
  for (;;) {
    const rows = await pending;
    if (rows.length === 0) return;
    const last = rows[rows.length - 1]!;
    pending = rows.length < pageSize ? Promise.resolve([]) : page({ at: last.createdAt, id: last.id });
    pending.catch(() => {}); // a caller that stops early must not leave an unhandled rejection behind
    yield rows;
  }
}

/** How many requests of the policy the range holds (from the rollups: the hours overlapping it), how many carry a random-sample label, how many a graded shadow pair. */
export async function replayCounts(q: { policy: string; from: Date; to: Date }): Promise<{ requests: number; randomLabels: number; shadowPairs: number }> {
  const { rows } = await pgPool().query<{ requests: number; labels: number; shadow: number }>(
    `SELECT (SELECT coalesce(sum(requests), 0)::int FROM "RequestRollup" WHERE policy = $1 AND bucket >= date_bin('1 hour', $2::timestamptz, ${ORIGIN}) AND bucket < $3::timestamptz) AS requests,
            (SELECT count(DISTINCT l."requestId")::int FROM "Label" l JOIN "RequestLog" r2 ON r2.id = l."requestId"
              WHERE l.sample = 'random' AND r2."policyName" = $1 AND r2."createdAt" >= $2 AND r2."createdAt" < $3) AS labels,
            (SELECT count(DISTINCT s."requestId")::int FROM "ShadowPair" s
              WHERE s."policyName" = $1 AND s.verdict <> 'failed' AND s."createdAt" >= $2 AND s."createdAt" < $3::timestamptz + interval '1 hour') AS shadow`,
    [q.policy, q.from, q.to],
  );
  return { requests: rows[0]?.requests ?? 0, randomLabels: rows[0]?.labels ?? 0, shadowPairs: rows[0]?.shadow ?? 0 };
}

/**
 * Per tier: random-sample labels of answers the confidence check let through there (assessed,
 * passed, not escalated — not answers a rule, a pin or a fallback sent there unchecked), and how
 * many of those were judged adequate (not "should be more capable").
 */
export async function confidentAnswerLabels(q: { policy: string; from: Date; to: Date }): Promise<Map<string, { labeled: number; adequate: number }>> {
  const { rows } = await pgPool().query<{ tier: string; labeled: number; adequate: number }>(
    `SELECT r."tierName" AS tier, count(*)::int AS labeled, (count(*) FILTER (WHERE l.verdict::text <> 'should-be-more-capable'))::int AS adequate
     FROM "Label" l JOIN "RequestLog" r ON r.id = l."requestId"
     WHERE l.sample = 'random' AND r."policyName" = $1 AND r."createdAt" >= $2 AND r."createdAt" < $3 AND NOT r.escalated AND r.status = 'ok'
       AND EXISTS (SELECT 1 FROM json_array_elements(r.latency->'attempts') a WHERE a->>'tier' = r."tierName" AND a->>'outcome' = 'ok' AND a->'confidence' IS NOT NULL)
     GROUP BY 1`,
    [q.policy, q.from, q.to],
  );
  return new Map(rows.map((r) => [r.tier, { labeled: r.labeled, adequate: r.adequate }]));
}

