/**
 * The drift page's SQL, all over the hourly rollups (plus labels joined to their requests):
 * requests per window × policy × tier × stage, p-score histograms per window, and label
 * verdicts per window and sample. `window` null = one row set for the whole range.
 */
import { histogramEntries, PSCORE_BINS, sumArraySql } from "./rollup-histograms";
import { ORIGIN, ROLLUP_RANGE } from "./overview-repo";
import { pgPool } from "./pg-pool";

export type WindowSpec = { from: Date; to: Date; windowSeconds: number | null; policy?: string };
export type MixRow = { t: Date | null; policy: string; tier: string; stage: string; status: string; requests: number };
export type ScoreRow = { t: Date | null; idx: number; count: number };
export type LabelRow = { t: Date | null; sample: string; verdict: string; count: number };

function windowExpr(column: string, spec: WindowSpec) {
  return spec.windowSeconds === null ? `NULL::timestamptz` : `date_bin(make_interval(secs => $4), ${column}, ${ORIGIN})`;
}

function params(spec: WindowSpec) {
  return [spec.from, spec.to, spec.policy ?? null, spec.windowSeconds ?? 0];
}

export async function tierMix(spec: WindowSpec): Promise<MixRow[]> {
  const { rows } = await pgPool().query<MixRow>(
    `SELECT ${windowExpr("bucket", spec)} AS t, policy, tier, stage, status, sum(requests)::int AS requests
     FROM "RequestRollup" WHERE ${ROLLUP_RANGE} AND ($3::text IS NULL OR policy = $3) AND $4::float8 >= 0
     GROUP BY 1, 2, 3, 4, 5`,
    params(spec),
  );
  return rows;
}

export async function scoreHistograms(spec: WindowSpec): Promise<ScoreRow[]> {
  const { rows } = await pgPool().query<{ t: Date | null; hist: number[] }>(
    `SELECT ${windowExpr("bucket", spec)} AS t, ${sumArraySql(`"pScoreHist"`, PSCORE_BINS)} AS hist
     FROM "RequestRollup" WHERE ${ROLLUP_RANGE} AND ($3::text IS NULL OR policy = $3) AND $4::float8 >= 0
     GROUP BY 1`,
    params(spec),
  );
  return histogramEntries(rows);
}

/**
 * Label verdicts by the labeled request's time (each label counts once). The labeled ids go in as
 * a list: Postgres then plans only the request-log day partitions that hold them (the log is
 * partitioned by id) and looks them up by key, instead of planning every day and scanning the range.
 */
export async function labelVerdicts(spec: WindowSpec): Promise<LabelRow[]> {
  const labeled = await pgPool().query<{ id: string }>(`SELECT DISTINCT "requestId" AS id FROM "Label"`);
  if (!labeled.rows.length) return [];
  const { rows } = await pgPool().query<LabelRow>(
    `SELECT ${windowExpr(`r."createdAt"`, spec)} AS t, l.sample, l.verdict::text AS verdict, count(*)::int AS count
     FROM "Label" l JOIN "RequestLog" r ON r.id = l."requestId"
     WHERE r.id = ANY($5::uuid[]) AND r."createdAt" >= $1 AND r."createdAt" < $2 AND ($3::text IS NULL OR r."policyName" = $3) AND $4::float8 >= 0
     GROUP BY 1, 2, 3`,
    [...params(spec), labeled.rows.map((r) => r.id)],
  );
  return rows;
}
