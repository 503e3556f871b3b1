/**
 * The labeling queue's SQL. A request is *eligible* when it was routed and answered (status ok,
 * not a bypass, prompt stored); it is *open* when it has no label and no live claim. Claims
 * (LabelClaim, one row per request) are taken atomically: the candidate row is locked with
 * FOR NO KEY UPDATE SKIP LOCKED and the claim inserted with ON CONFLICT … WHERE expired, so two
 * reviewers never hold the same request even when their statements race.
 */
import type { Prisma } from "./generated/client";
import { pgPool } from "./pg-pool";
import { db } from "./prisma";

/** The engine's random-sample marker in the decision JSON (finish-decision.ts). */
export const IS_RANDOM = `(r.decision->>'labelCandidate') = 'random'`;

/**
 * Requests reviewers see as identical: the same policy, answering tier and prompt text (trimmed,
 * whitespace runs collapsed, lower case). A verdict on one holds for all of them.
 */
export const GROUP_KEY = `md5(coalesce(r."policyName", '') || E'\\n' || coalesce(r."tierName", '') || E'\\n' || lower(regexp_replace(btrim(r.prompt), '\\s+', ' ', 'g')))`;

/** A queue candidate: a request id and its group key (GROUP_KEY). */
export type Candidate = { id: string; key: string };

/** Which requests the queue draws from (lib/labeling's queue filters). */
export type CandidateFilters = { policy?: string; tier?: string; from?: Date; to?: Date };

/** WHERE clause (alias r) for eligible requests matching the filters; params start at $start. */
function eligible(f: CandidateFilters, start: number): { sql: string; params: unknown[] } {
  const parts = [`r.status = 'ok'`, `r.stage <> 'bypass'`, `r.prompt IS NOT NULL`, `r."tierName" IS NOT NULL`];
  const params: unknown[] = [];
  const add = (cond: (p: string) => string, value: unknown) => {
    params.push(value);
    parts.push(cond(`$${start + params.length - 1}`));
  };
  if (f.from) add((p) => `r."createdAt" >= ${p}`, f.from);
  if (f.to) add((p) => `r."createdAt" < ${p}`, f.to);
  if (f.policy) add((p) => `r."policyName" = ${p}`, f.policy);
  if (f.tier) add((p) => `r."tierName" = ${p}`, f.tier);
  return { sql: parts.join(" AND "), params };
}

const OPEN = `NOT EXISTS (SELECT 1 FROM "Label" l WHERE l."requestId" = r.id)
  AND NOT EXISTS (SELECT 1 FROM "LabelClaim" c WHERE c."requestId" = r.id AND c."expiresAt" > now())`;

/**
 * The most uncertain open requests, not in the random sample (that stream is kept unbiased), one
 * per group of identical requests (its most uncertain member).
 */
export async function uncertainCandidates(f: CandidateFilters, limit: number): Promise<Candidate[]> {
  const w = eligible(f, 2);
  const { rows } = await pgPool().query<Candidate>(
    `SELECT id, key FROM (
       SELECT DISTINCT ON (key) id, key, uncertainty FROM (
         SELECT r.id, r.uncertainty, ${GROUP_KEY} AS key FROM (
           SELECT r.id, r.uncertainty, r.decision, r."policyName", r."tierName", r.prompt FROM "RequestLog" r WHERE ${w.sql} AND ${OPEN}
           ORDER BY r.uncertainty DESC NULLS LAST, r.id DESC LIMIT $1 * 4
         ) r WHERE (r.decision->>'labelCandidate') IS DISTINCT FROM 'random'
       ) g ORDER BY key, uncertainty DESC NULLS LAST, id DESC
     ) one ORDER BY uncertainty DESC NULLS LAST, id DESC LIMIT $1`,
    [limit, ...w.params],
  );
  return rows;
}

/** Open requests of the engine's uniform random sample, in a uniformly random order, one per group of identical requests. */
export async function randomCandidates(f: CandidateFilters, limit: number): Promise<Candidate[]> {
  const w = eligible(f, 2);
  const { rows } = await pgPool().query<Candidate>(
    `SELECT id, key FROM (
       SELECT DISTINCT ON (key) id, key FROM (
         SELECT r.id, ${GROUP_KEY} AS key FROM (
           SELECT r.id, r."policyName", r."tierName", r.prompt FROM "RequestLog" r WHERE ${w.sql} AND ${IS_RANDOM} AND ${OPEN} ORDER BY random() LIMIT $1 * 4
         ) r
       ) g ORDER BY key, random()
     ) one ORDER BY random() LIMIT $1`,
    [limit, ...w.params],
  );
  return rows;
}

/**
 * The request's group key, and the other open requests of its group inside the filters' window
 * (open: unlabeled and not held by another reviewer), newest first, at most `cap`.
 */
export async function identicalOpen(requestId: string, f: CandidateFilters, reviewerId: string, cap: number): Promise<{ key: string; ids: string[] } | null> {
  const w = eligible(f, 4);
  const at = 4 + w.params.length; // the policy and tier parameters follow the filters'
  const { rows: keyRows } = await pgPool().query<{ key: string; policy: string | null; tier: string | null }>(
    `SELECT ${GROUP_KEY} AS key, r."policyName" AS policy, r."tierName" AS tier FROM "RequestLog" r WHERE r.id = $1 AND r.prompt IS NOT NULL`,
    [requestId],
  );
  const row = keyRows[0];
  if (!row) return null;
  // The plain column comparisons first: the prompt is normalized and hashed only for the same policy and tier.
  const { rows } = await pgPool().query<{ id: string }>(
    `SELECT r.id FROM "RequestLog" r WHERE ${w.sql} AND r.id <> $1 AND r."policyName" IS NOT DISTINCT FROM $${at} AND r."tierName" = $${at + 1} AND ${GROUP_KEY} = $2
       AND NOT EXISTS (SELECT 1 FROM "Label" l WHERE l."requestId" = r.id)
       AND NOT EXISTS (SELECT 1 FROM "LabelClaim" c WHERE c."requestId" = r.id AND c."expiresAt" > now() AND c."reviewerId" <> $3::uuid)
     ORDER BY r."createdAt" DESC, r.id DESC LIMIT ${Math.max(0, Math.floor(cap))}`,
    [requestId, row.key, reviewerId, ...w.params, row.policy, row.tier],
  );
  return { key: row.key, ids: rows.map((r) => r.id) };
}

/** Claims the first still-open request of `ids` (in order) for the reviewer; null if none. */
export async function claimFirstOpen(reviewerId: string, ids: readonly string[], ttlSeconds: number): Promise<string | null> {
  if (!ids.length) return null;
  const { rows } = await pgPool().query<{ requestId: string }>(
    `WITH pick AS (
       SELECT r.id FROM unnest($1::uuid[]) WITH ORDINALITY AS c(id, ord) JOIN "RequestLog" r ON r.id = c.id
       WHERE ${OPEN} ORDER BY c.ord LIMIT 1 FOR NO KEY UPDATE OF r SKIP LOCKED
     )
     INSERT INTO "LabelClaim" ("requestId", "reviewerId", "expiresAt")
     SELECT id, $2::uuid, now() + make_interval(secs => $3) FROM pick
     ON CONFLICT ("requestId") DO UPDATE SET "reviewerId" = EXCLUDED."reviewerId", "expiresAt" = EXCLUDED."expiresAt"
       WHERE "LabelClaim"."expiresAt" <= now()
     RETURNING "requestId"`,
    [ids, reviewerId, ttlSeconds],
  );
  return rows[0]?.requestId ?? null;
}

/** The reviewer's live claims on unlabeled requests (oldest claim first), renewed for another TTL. */
export async function renewOwnClaims(reviewerId: string, exclude: readonly string[], ttlSeconds: number): Promise<string[]> {
  const { rows } = await pgPool().query<{ requestId: string; previous: Date }>(
    `WITH mine AS (
       SELECT c."requestId", c."expiresAt" AS previous FROM "LabelClaim" c
       WHERE c."reviewerId" = $1 AND c."expiresAt" > now() AND NOT (c."requestId" = ANY($2::uuid[]))
         AND NOT EXISTS (SELECT 1 FROM "Label" l WHERE l."requestId" = c."requestId")
       FOR UPDATE
     )
     UPDATE "LabelClaim" c SET "expiresAt" = now() + make_interval(secs => $3) FROM mine
     WHERE c."requestId" = mine."requestId" AND c."reviewerId" = $1
     RETURNING c."requestId", mine.previous`,
    [reviewerId, exclude, ttlSeconds],
  );
  return rows.sort((a, b) => a.previous.getTime() - b.previous.getTime()).map((r) => r.requestId);
}

/** How many items this reviewer has been handed: labels made plus live claims held. */
export async function reviewerPosition(reviewerId: string): Promise<number> {
  const { rows } = await pgPool().query<{ n: number }>(
    `SELECT (SELECT count(*) FROM "Label" WHERE "reviewerId" = $1)::int
          + (SELECT count(*) FROM "LabelClaim" c WHERE c."reviewerId" = $1 AND c."expiresAt" > now()
               AND NOT EXISTS (SELECT 1 FROM "Label" l WHERE l."requestId" = c."requestId"))::int AS n`,
    [reviewerId],
  );
  return rows[0]?.n ?? 0;
}

export async function releaseClaim(requestId: string, reviewerId: string): Promise<boolean> {
  const { rowCount } = await pgPool().query(`DELETE FROM "LabelClaim" WHERE "requestId" = $1 AND "reviewerId" = $2`, [requestId, reviewerId]);
  return (rowCount ?? 0) > 0;
}

/** Open eligible requests (plus the reviewer's own claims), counted up to `cap`. */
export async function countOpen(f: CandidateFilters, reviewerId: string, cap: number): Promise<number> {
  const w = eligible(f, 3);
  const { rows } = await pgPool().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (
       SELECT 1 FROM "RequestLog" r WHERE ${w.sql}
         AND NOT EXISTS (SELECT 1 FROM "Label" l WHERE l."requestId" = r.id)
         AND NOT EXISTS (SELECT 1 FROM "LabelClaim" c WHERE c."requestId" = r.id AND c."expiresAt" > now() AND c."reviewerId" <> $2)
       LIMIT $1
     ) open`,
    [cap, reviewerId, ...w.params],
  );
  return rows[0]?.n ?? 0;
}

export function countLabelsSince(reviewerId: string, since: Date) {
  return db.label.count({ where: { reviewerId, createdAt: { gte: since } } });
}

export const queueItemSelect = {
  id: true,
  createdAt: true,
  policyId: true,
  policyName: true,
  tierName: true,
  model: true,
  stage: true,
  reason: true,
  uncertainty: true,
  escalated: true,
  hedged: true,
  decision: true,
  latency: true,
  totalMs: true,
  costUsd: true,
  promptTokens: true,
  completionTokens: true,
  prompt: true,
  response: true,
  isDemo: true,
  claim: { select: { reviewerId: true, expiresAt: true } },
} as const satisfies Prisma.RequestLogSelect;

export type QueueItemRow = Prisma.RequestLogGetPayload<{ select: typeof queueItemSelect }>;

export function findQueueRow(id: string) {
  return db.requestLog.findUnique({ where: { id }, select: queueItemSelect });
}

/** A policy's tiers, cheapest first (by id, else by name for rows whose policy was renamed). */
export async function policyTiers(policy: { id: string | null; name: string | null }): Promise<Array<{ id: string; name: string; model: string }>> {
  const where: Prisma.PolicyWhereInput | null = policy.id ? { id: policy.id } : policy.name ? { name: policy.name } : null;
  if (!where) return [];
  const row = await db.policy.findFirst({
    where,
    select: { tiers: { orderBy: { position: "asc" }, select: { tier: { select: { id: true, name: true, model: true } } } } },
  });
  return row?.tiers.map((t) => t.tier) ?? [];
}

export type LabelData = {
  requestId: string;
  reviewerId: string;
  verdict: "correct" | "should_be_cheaper" | "should_be_more_capable";
  correctTierId: string | null;
  note: string;
  sample: "uncertain" | "random";
};

export const labelSelect = {
  id: true,
  requestId: true,
  reviewerId: true,
  verdict: true,
  note: true,
  sample: true,
  createdAt: true,
  correctTier: { select: { name: true } },
} as const satisfies Prisma.LabelSelect;

/**
 * Writes a label unless the request is not eligible (the queue's own rule, `eligible`), is
 * labeled already or someone else holds a live claim on it (one transaction, serialized per
 * request by an advisory lock); releases the claim. `identicalIds`: the same verdict for these
 * requests too, each of which must be of the request's group (GROUP_KEY) and open — all labels
 * are written or none. Their `sample` is each request's own.
 */
export async function insertLabelIfOpen(
  data: LabelData,
  identicalIds: readonly string[] = [],
): Promise<{ ok: true; label: Prisma.LabelGetPayload<{ select: typeof labelSelect }>; applied: number } | { ok: false; reason: "ineligible" | "labeled" | "claimed" | "not-identical" }> {
  const ids = [data.requestId, ...new Set(identicalIds.filter((id) => id !== data.requestId))];
  return db.$transaction(async (tx) => {
    for (const id of [...ids].sort()) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${id}, 7))`;
    const rows = await tx.$queryRawUnsafe<Array<{ id: string; key: string; random: boolean }>>(
      `SELECT r.id::text AS id, ${GROUP_KEY} AS key, coalesce(${IS_RANDOM}, false) AS random FROM "RequestLog" r WHERE r.id = ANY($1::uuid[]) AND ${eligible({}, 2).sql}`,
      ids,
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const main = byId.get(data.requestId);
    if (!main) return { ok: false, reason: "ineligible" } as const;
    if (ids.some((id) => byId.get(id)?.key !== main.key)) return { ok: false, reason: "not-identical" } as const;
    if (await tx.label.findFirst({ where: { requestId: { in: ids } }, select: { id: true } })) return { ok: false, reason: "labeled" } as const;
    const claims = await tx.labelClaim.findMany({ where: { requestId: { in: ids }, reviewerId: { not: data.reviewerId }, expiresAt: { gt: new Date() } }, select: { requestId: true } });
    if (claims.length > 0) return { ok: false, reason: "claimed" } as const;
    const label = await tx.label.create({ data, select: labelSelect });
    const others = ids.slice(1).map((requestId) => ({ ...data, requestId, sample: byId.get(requestId)!.random ? ("random" as const) : ("uncertain" as const) }));
    if (others.length) await tx.label.createMany({ data: others });
    await tx.labelClaim.deleteMany({ where: { requestId: { in: ids } } });
    return { ok: true, label, applied: ids.length } as const;
  });
}

export function findLabel(id: string) {
  return db.label.findUnique({ where: { id }, select: labelSelect });
}

/** Deletes a label and hands its request back to the reviewer as a fresh claim. */
export async function deleteLabelAndReclaim(labelId: string, requestId: string, reviewerId: string, ttlSeconds: number) {
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${requestId}, 7))`;
    await tx.label.delete({ where: { id: labelId } });
    const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
    await tx.labelClaim.upsert({ where: { requestId }, create: { requestId, reviewerId, expiresAt }, update: { reviewerId, expiresAt } });
  });
}

/** The reviewer's most recent label made after `since` (for undo after a reload). */
export function lastLabelSince(reviewerId: string, since: Date) {
  return db.label.findFirst({ where: { reviewerId, createdAt: { gte: since } }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true, requestId: true, createdAt: true } });
}
