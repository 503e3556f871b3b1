import type pg from "pg";
import type { Prisma } from "./generated/client";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import { pgPool, requestLogPool, withPgTransaction } from "./pg-pool";
import { copyChunks, copyFromStdinSql, encodeLogLine, REQUEST_LOG_COLUMN_LIST } from "./request-log-copy";
import { rollupFacts, sumRollups, type RollupFacts } from "./request-log-rollup";
import { db } from "./prisma";
import { policyTiers } from "./label-repo";
import { findShadowPairs } from "./shadow-repo";
import { addRollupsSql, addSummedRollupsSql, ROLLUP_SOURCE_FIELDS } from "./rollup-repo";
import { touchApiKeysSql } from "./api-key-repo";
import { searchRequestLog, type SearchBudget } from "./search-request-log";

export type RequestLogInsert = Prisma.RequestLogCreateManyInput;

/**
 * A batch goes into the log in one transaction, COPY (./request-log-copy.ts) straight into
 * RequestLog: Postgres's cheapest way in (batched heap and index inserts, every value parsed
 * once). In the same transaction one statement adds the batch's rollups, summed per key in
 * JavaScript (request-log-rollup.ts), to the hourly RequestRollup rows and touches the keys'
 * lastUsedAt, so the dashboards never disagree with the log.
 *
 * Ids are decision ids, so a batch retried after a commit whose answer was lost meets its own rows:
 * COPY has no ON CONFLICT and stops with a unique violation, the transaction rolls back, and the
 * batch goes the staged way: COPY into a temporary table of the log's shape, then one statement
 * that inserts what is not there yet (ON CONFLICT DO NOTHING) and makes the rollups and key
 * touches from the rows it inserted (RETURNING). Bulk loaders always go that way (they may run
 * inside a caller's transaction, which a failed COPY would abort). Temporary tables empty
 * themselves at commit (ON COMMIT DELETE ROWS: truncated in place, no new file, no dead rows).
 *
 * Postgres CPU per logged row of the gateway's shape (bench/NOTES.md, 2026-12-07 evening): ~100 µs
 * the staged way with pglz, ~72 µs this way with lz4 (the direct COPY alone: ~6% less than staged).
 * On the embedded Postgres 18 (no lz4) this way cost 116–151 µs until the decision and latency
 * became json and rows up to 4 KB stopped being compressed there: 70–79 µs (2026-12-07, night).
 */
const insertSql = (table: string) => `WITH ins AS (
  INSERT INTO "RequestLog" (${REQUEST_LOG_COLUMN_LIST}) SELECT ${REQUEST_LOG_COLUMN_LIST} FROM ${table} ON CONFLICT (id) DO NOTHING
  RETURNING ${ROLLUP_SOURCE_FIELDS}, "apiKeyId"
), rollups AS (${addRollupsSql("ins")}
), keys AS (${touchApiKeysSql("ins")})
SELECT count(*)::int AS n FROM ins`;

function stage(name: string, onCommit: string, statement: string) {
  const table = `pg_temp.${name}`;
  return { table, statement, create: `CREATE TEMP TABLE IF NOT EXISTS ${name} (LIKE "RequestLog" INCLUDING DEFAULTS) ${onCommit}`, insert: insertSql(table), copy: copyFromStdinSql(table) };
}
type Stage = ReturnType<typeof stage>;
const STAGES = {
  /** The gateway's: inside the writer's own transaction, emptied by its commit. */
  flush: stage("frontdesk_request_log_stage", "ON COMMIT DELETE ROWS", "frontdesk-insert-request-logs"),
  /** Bulk loaders': in or out of the caller's transaction, emptied after each batch. */
  bulk: stage("frontdesk_request_log_bulk", "", "frontdesk-insert-request-logs-bulk"),
};

/** Connections whose session has the flush staging table. */
const staged = new WeakSet<object>();

/** Writes rows (see insertRequestLogEntries); returns how many were new. */
export function insertRequestLogs(rows: RequestLogInsert[]): Promise<number> {
  const now = new Date();
  return insertRequestLogEntries(rows.map((row) => encodeLogEntry(row, now)));
}

/** A row as the writer queues it: its COPY line and its part in the rollups, both taken when it is logged. */
export type LogEntry = { line: Buffer; rollup: RollupFacts };

/** `createdAt` when the row has none. */
export function encodeLogEntry(row: RequestLogInsert, createdAt: Date): LogEntry {
  return { line: encodeLogLine(row, createdAt), rollup: rollupFacts(row, createdAt) };
}

const UNIQUE_VIOLATION = "23505";
const DIRECT_COPY = copyFromStdinSql(`"RequestLog"`);

/** The batch's rollups ($1) and keys' latest requests ($2), as JSON from sumRollups, in one statement. */
const ADD_SUMMED = {
  name: "frontdesk-add-summed-rollups",
  text: `WITH rollups AS (${addSummedRollupsSql("$1::json")}
), keys AS (${touchApiKeysSql(`(SELECT id AS "apiKeyId", t AS "createdAt" FROM json_to_recordset($2::json) AS k(id uuid, t timestamptz)) used`)})
SELECT 1`,
};

/**
 * Writes rows already encoded by encodeLogEntry, in one transaction on the log's own pool; returns
 * how many were new (all of them, unless a retried batch had been written before).
 */
export async function insertRequestLogEntries(entries: LogEntry[]): Promise<number> {
  if (!entries.length) return 0;
  try {
    return await withPgTransaction(async (client) => {
      await pipeline(Readable.from(copyChunks(entries.map((e) => e.line))), client.query(copyFrom(DIRECT_COPY)));
      const { rollups, keys } = sumRollups(entries.map((e) => e.rollup));
      await client.query({ ...ADD_SUMMED, values: [JSON.stringify(rollups), JSON.stringify(keys)] });
      return entries.length;
    }, requestLogPool());
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    return insertStagedLines(entries.map((e) => e.line));
  }
}

/** The staged way (see above): only the rows not in the log yet are written and counted. */
function insertStagedLines(lines: Buffer[]): Promise<number> {
  return withPgTransaction(async (client) => {
    if (!staged.has(client)) {
      await client.query(STAGES.flush.create);
      staged.add(client); // a failed transaction destroys its client (withPgClient): no stale mark
    }
    return copyAndInsert(client, lines, STAGES.flush);
  }, requestLogPool());
}

/** The same on a given client, for bulk loaders, inside their transaction or not (then each step commits on its own). */
export async function insertRequestLogsWith(client: pg.ClientBase, rows: RequestLogInsert[]): Promise<number> {
  if (!rows.length) return 0;
  const now = new Date();
  await client.query(STAGES.bulk.create); // every time: the caller's transaction may roll back its creation
  await client.query(`TRUNCATE ${STAGES.bulk.table}`); // what a failed batch may have left
  const n = await copyAndInsert(client, rows.map((row) => encodeLogLine(row, now)), STAGES.bulk);
  await client.query(`TRUNCATE ${STAGES.bulk.table}`);
  return n;
}

async function copyAndInsert(client: pg.ClientBase, lines: Buffer[], stage: Stage): Promise<number> {
  await pipeline(Readable.from(copyChunks(lines)), client.query(copyFrom(stage.copy)));
  // Named: each connection parses and plans this long statement once, not on every flush.
  const result = await client.query<{ n: number }>({ name: stage.statement, text: stage.insert });
  return result.rows[0]!.n;
}

export function countRequestLogs(where: Prisma.RequestLogWhereInput = {}) {
  return db.requestLog.count({ where });
}

export type RequestFilters = {
  from?: Date;
  to?: Date;
  policy?: string;
  tier?: string;
  stage?: string;
  status?: "ok" | "error";
  q?: string;
  /** The (createdAt, id) of the last row of the previous page. */
  cursor?: { at: Date; id: string };
  limit: number;
};

export const requestListSelect = {
  id: true,
  createdAt: true,
  policyName: true,
  tierName: true,
  model: true,
  stage: true,
  reason: true,
  scores: true,
  uncertainty: true,
  escalated: true,
  hedged: true,
  totalMs: true,
  promptTokens: true,
  completionTokens: true,
  costUsd: true,
  baselineCostUsd: true,
  status: true,
  httpStatus: true,
  error: true,
  stream: true,
  api: true,
  isDemo: true,
  decision: true,
  latency: true,
  apiKey: { select: { id: true, name: true, prefix: true } },
} as const satisfies Prisma.RequestLogSelect;

/** `nextCursor`: the row's (createdAt in ms, id), parsed back by lib/monitoring/request-filters.ts. */
export function requestCursor(row: { createdAt: Date; id: string }): string {
  return `${row.createdAt.getTime()}_${row.id}`;
}

/** LIKE's wildcards and escape character in `text`, escaped (a search for "50%" finds "50%"). */
function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Newest first as the list shows them: ordered by (createdAt, id) descending and keyset-paginated
 * on that pair — the next page starts below the cursor by a row comparison that the index of each
 * filter (schema.prisma: (filter, createdAt DESC, id DESC)) seeks to, however deep the page. One
 * query finds the page's ids and prompt snippets (the list never ships whole prompts), a second
 * loads their columns and key. A text search (`q`) is bounded in time (./search-request-log.ts):
 * its page may hold fewer rows than `limit`, even none, with a nextCursor to search older rows;
 * `search` says how far back it got.
 */
export async function listRequests(f: RequestFilters, budget?: SearchBudget) {
  const where: string[] = [];
  const values: unknown[] = [];
  const param = (value: unknown) => `$${values.push(value)}`;
  if (f.from) where.push(`"createdAt" >= ${param(f.from)}`);
  if (f.to) where.push(`"createdAt" < ${param(f.to)}`);
  if (f.policy) where.push(`"policyName" = ${param(f.policy)}`);
  if (f.tier) where.push(`"tierName" = ${param(f.tier)}`);
  if (f.stage) where.push(`stage = ${param(f.stage)}`);
  if (f.status) where.push(`status = ${param(f.status)}`);
  const page = f.q
    ? await searchPage(f, where, values, budget)
    : await keysetPage(f, where, values);
  const rows = await db.requestLog.findMany({ where: { id: { in: page.keys.map((k) => k.id) } }, select: requestListSelect });
  const byId = new Map(rows.map((r) => [r.id, r]));
  // A row dropped by retention between the two queries is left out.
  const items = page.keys.flatMap((k) => {
    const row = byId.get(k.id);
    return row ? [{ ...row, promptSnippet: k.snippet }] : [];
  });
  return { items, nextCursor: page.nextCursor, search: page.search };
}

type ListPage = {
  keys: Array<{ id: string; snippet: string | null }>;
  nextCursor: string | null;
  /** For a text search: every row newer than `searchedBackTo` was searched; `isExhausted` once all were. */
  search: { searchedBackTo: Date | null; isExhausted: boolean } | null;
};

async function keysetPage(f: RequestFilters, where: string[], values: unknown[]): Promise<ListPage> {
  const param = (value: unknown) => `$${values.push(value)}`;
  if (f.cursor) where.push(`("createdAt", id) < (${param(f.cursor.at)}::timestamptz, ${param(f.cursor.id)}::uuid)`);
  const { rows: keys } = await pgPool().query<{ id: string; snippet: string | null; createdAt: Date }>(
    `SELECT id, "createdAt", left(prompt, 160) AS snippet FROM "RequestLog" ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
     ORDER BY "createdAt" DESC, id DESC LIMIT ${param(f.limit + 1)}`,
    values,
  );
  const hasMore = keys.length > f.limit;
  const pageKeys = hasMore ? keys.slice(0, f.limit) : keys;
  const last = pageKeys[pageKeys.length - 1];
  return { keys: pageKeys, nextCursor: hasMore && last ? requestCursor(last) : null, search: null };
}

async function searchPage(f: RequestFilters, where: string[], values: unknown[], budget?: SearchBudget): Promise<ListPage> {
  const found = await searchRequestLog({ where, values, pattern: `%${likeEscape(f.q!)}%`, cursor: f.cursor, start: (f.to ?? new Date()).getTime(), limit: f.limit, budget });
  return {
    keys: found.keys,
    nextCursor: found.next && requestCursor({ createdAt: found.next.at, id: found.next.id }),
    search: { searchedBackTo: found.searchedBackTo, isExhausted: !found.next },
  };
}

/**
 * A logged request with its labels, its shadow pairs (shadow evaluation's other answer and the
 * verdict) and its policy's tier names cheapest first (the choices of a label's right tier).
 */
export async function findRequest(id: string) {
  const [row, shadowPairs] = await Promise.all([findRequestRow(id), findShadowPairs(id)]);
  if (!row) return null;
  const { policyId, ...rest } = row;
  const tiers = await policyTiers({ id: policyId, name: row.policyName });
  return { ...rest, shadowPairs, policyTiers: tiers.map((t) => t.name) };
}

function findRequestRow(id: string) {
  return db.requestLog.findUnique({
    where: { id },
    select: {
      ...requestListSelect,
      policyId: true,
      prompt: true,
      response: true,
      sessionKey: true,
      labels: { orderBy: { createdAt: "desc" }, include: { reviewer: { select: { email: true, name: true } }, correctTier: { select: { name: true } } } },
    },
  });
}
