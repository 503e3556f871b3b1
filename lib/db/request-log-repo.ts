import type pg from "pg";
import type { Prisma } from "./generated/client";
import { pgPool, requestLogPool, withPgClient } from "./pg-pool";
import { db } from "./prisma";
import { policyTiers } from "./label-repo";
import { findShadowPairs } from "./shadow-repo";
import { addRollupsSql, ROLLUP_SOURCE_FIELDS } from "./rollup-repo";
import { touchApiKeysSql } from "./api-key-repo";
import { searchRequestLog, type SearchBudget } from "./search-request-log";

export type RequestLogInsert = Prisma.RequestLogCreateManyInput;

const DEFAULTS = {
  apiKeyId: null, policyId: null, policyName: null, tierId: null, tierName: null, model: null, reason: "", scores: null,
  uncertainty: null, escalated: false, hedged: false, totalMs: 0, promptTokens: 0, completionTokens: 0, costUsd: 0, baselineCostUsd: 0,
  httpStatus: 200, error: null, prompt: null, response: null, sessionKey: null, stream: false, api: "chat", isDemo: false,
  escalationWasteUsd: 0, hedgeWasteUsd: 0, explored: false, exploreCostUsd: 0, overheadMs: 0, escalationWaitMs: 0, quality: null,
} satisfies Partial<Record<keyof RequestLogInsert, unknown>>;
const DEFAULTS_JSON = JSON.stringify(DEFAULTS).slice(1, -1);

/**
 * Inserts a batch in one statement, one round trip: the rows travel as a single jsonb parameter
 * that Postgres unpacks (jsonb_populate_recordset: parsing the batch once as jsonb costs Postgres
 * about a fifth less per row than json_populate_recordset, which re-parses every nested object
 * for the jsonb columns), which keeps the gateway's CPU per row to one JSON.stringify. Ids are
 * decision ids, so a retried batch never writes a row twice. The rows actually inserted
 * (RETURNING) are added to the hourly RequestRollup rows and touch their keys' lastUsedAt in
 * data-modifying CTEs of the same statement — atomic without BEGIN/COMMIT, so the dashboards
 * never disagree with the log, and the gateway sends one query per flush instead of five.
 */
const INSERT_SQL = `WITH ins AS (
  INSERT INTO "RequestLog" SELECT * FROM jsonb_populate_recordset(NULL::"RequestLog", $1::jsonb) ON CONFLICT (id) DO NOTHING
  RETURNING ${ROLLUP_SOURCE_FIELDS}, "apiKeyId"
), rollups AS (${addRollupsSql("ins")}
), keys AS (${touchApiKeysSql("ins")})
SELECT count(*)::int AS n FROM ins`;

export async function insertRequestLogs(rows: RequestLogInsert[]): Promise<number> {
  if (!rows.length) return 0;
  return withPgClient((client) => insertRequestLogsWith(client, rows), requestLogPool());
}

/** The same on a given client (bulk loaders run it inside their own transaction). */
export async function insertRequestLogsWith(client: Pick<pg.PoolClient, "query">, rows: RequestLogInsert[]): Promise<number> {
  if (!rows.length) return 0;
  // Named: each connection parses and plans this long statement once, not on every flush.
  const result = await client.query<{ n: number }>({ name: "frontdesk-insert-request-logs", text: INSERT_SQL, values: [jsonbBatch(rows, new Date())] });
  return result.rows[0]!.n;
}

/**
 * The batch as jsonb in Postgres's binary format (a version byte, then the JSON text), written
 * into one Buffer outside the JS heap. As one JS string a batch of 25 rows is ~70,000 characters,
 * and the "≥"/"→" of every decision's reason make it two bytes per character: at ~140 KB it went
 * to V8's large-object space, outlived scavenges and drove a mark-compact every ~2 s — the pause
 * behind the gateway's p99. Each row's JSON (a short-lived string that dies young) goes after the
 * defaults and createdAt inside one object: jsonb keeps the last of duplicate keys, so the row's
 * own values win, and no merged copy of any row is allocated.
 */
export function jsonbBatch(rows: RequestLogInsert[], now: Date): Buffer {
  const head = `{${DEFAULTS_JSON},"createdAt":${JSON.stringify(now)},`;
  const first = `[${head}`;
  const next = `,${head}`;
  const parts: string[] = new Array(rows.length * 2 + 1);
  let bytes = 1; // the jsonb version byte
  for (let i = 0; i < rows.length; i++) {
    const open = i ? next : first;
    const row = pgSafeJson(JSON.stringify(rows[i]).slice(1)); // a row always has its id
    parts[2 * i] = open;
    parts[2 * i + 1] = row;
    bytes += Buffer.byteLength(open) + Buffer.byteLength(row);
  }
  parts[rows.length * 2] = "]";
  const buffer = Buffer.allocUnsafe(bytes + 1);
  buffer[0] = JSONB_VERSION;
  let offset = 1;
  for (const part of parts) offset += buffer.write(part, offset);
  return buffer;
}

const JSONB_VERSION = 1;

/**
 * Text Postgres's jsonb refuses, made storable: U+0000 (text and jsonb cannot hold it) and
 * unpaired UTF-16 surrogates (a client may send "\ud800"; JSON.stringify writes it back as that
 * escape, which jsonb rejects). One such character anywhere (a prompt, a session id) failed the
 * whole batch on every retry. In the JSON text an escape is one preceded by an odd run of
 * backslashes (an even run is escaped backslashes and literal text); JSON.stringify writes
 * paired surrogates as the characters themselves, so every surrogate escape is a lone one.
 * Both become U+FFFD.
 */
export function pgSafeJson(json: string): string {
  if (!json.includes("u0000") && !json.includes("\\ud")) return json;
  return json.replace(/(\\+)u(0000|d[89a-f][0-9a-f]{2})/gi, (match, slashes: string) => (slashes.length % 2 ? `${slashes.slice(1)}\\ufffd` : match));
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
