/**
 * The request list's text search (`q`: ILIKE '%…%' over prompts, no index — a trigram index
 * would tax every write of the log, README "Request log"). Unbounded, a rare text scanned the
 * whole log before answering (27 s at 10M rows). Here each call is bounded: it walks the log newest
 * first in chunks of rows, by the list's own keyset order (createdAt DESC, id DESC, under the
 * other filters' indexes), and stops when the page is full, the log is exhausted, or the time
 * budget is spent. It answers what it found and the position it searched back to; the next call
 * resumes there (a nextCursor like any other), so calls together see every row once, newest first.
 */
import { pgPool } from "./pg-pool";

export type SearchBudget = {
  /** Time after which no new chunk is started (a chunk is sized to fit what is left). */
  budgetMs: number;
  firstChunkRows: number;
  maxChunkRows: number;
};

/** ~250 ms a call (the console's p95 target is 300 ms); chunks grow with the measured scan rate. */
export const SEARCH_BUDGET: SearchBudget = { budgetMs: 250, firstChunkRows: 5_000, maxChunkRows: 200_000 };

type Position = { at: Date; id: string };
type ChunkRow = { id: string; createdAt: Date; snippet: string | null; hit: boolean; rn: string };

export type SearchResult = {
  keys: Array<{ id: string; snippet: string | null }>;
  /** Where the next call resumes; null when every row has been searched. */
  next: Position | null;
  /** Every row newer than this was searched (null: all of them). */
  searchedBackTo: Date | null;
};

/**
 * One chunk: the next `n` rows below `pos` under the filters, with a hit flag (and the snippet of
 * a hit), returning the hits and the chunk's last row (rn = n; absent when the chunk ran short).
 */
function chunkSql(where: string[], n: string, pattern: string): string {
  return `SELECT id, "createdAt", snippet, hit, rn FROM (
    SELECT id, "createdAt", CASE WHEN hit THEN left(prompt, 160) END AS snippet, hit,
           row_number() OVER (ORDER BY "createdAt" DESC, id DESC) AS rn
    FROM (SELECT s.*, s.prompt ILIKE ${pattern} AS hit
          FROM (SELECT id, "createdAt", prompt FROM "RequestLog" ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
                ORDER BY "createdAt" DESC, id DESC LIMIT ${n}) s) x
  ) t WHERE hit OR rn = ${n} ORDER BY "createdAt" DESC, id DESC`;
}

/**
 * Up to `limit` rows whose prompt matches `pattern` (an ILIKE pattern), newest first below
 * `cursor`, under `where` (SQL clauses whose parameters are `values`).
 */
export async function searchRequestLog(opts: {
  where: string[];
  values: unknown[];
  pattern: string;
  cursor?: Position;
  limit: number;
  budget?: SearchBudget;
}): Promise<SearchResult> {
  const budget = opts.budget ?? SEARCH_BUDGET;
  const started = performance.now();
  const hits: ChunkRow[] = [];
  let pos = opts.cursor;
  let chunkRows = budget.firstChunkRows;
  for (;;) {
    const values = [...opts.values];
    const param = (value: unknown) => `$${values.push(value)}`;
    const where = [...opts.where];
    if (pos) where.push(`("createdAt", id) < (${param(pos.at)}::timestamptz, ${param(pos.id)}::uuid)`);
    const t = performance.now();
    const { rows } = await pgPool().query<ChunkRow>(chunkSql(where, param(chunkRows), param(opts.pattern)), values);
    const ms = performance.now() - t;
    const matched = rows.filter((r) => r.hit);
    const wanted = opts.limit - hits.length;
    if (matched.length > wanted) {
      // More hits than the page holds: the page ends at its last hit, the rest come next call.
      hits.push(...matched.slice(0, wanted));
      const last = hits[hits.length - 1]!;
      return done(hits, { at: last.createdAt, id: last.id });
    }
    hits.push(...matched);
    const end = rows.find((r) => Number(r.rn) === chunkRows);
    if (!end) return done(hits, null);
    pos = { at: end.createdAt, id: end.id };
    const left = budget.budgetMs - (performance.now() - started);
    if (hits.length === opts.limit || left <= budget.budgetMs * 0.1) return done(hits, pos);
    // Size the next chunk to the time left at this chunk's rate (with a margin).
    chunkRows = Math.max(1_000, Math.min(budget.maxChunkRows, Math.floor(((chunkRows / Math.max(ms, 1)) * left) * 0.8)));
  }
}

function done(hits: ChunkRow[], next: Position | null): SearchResult {
  return { keys: hits.map((h) => ({ id: h.id, snippet: h.snippet })), next, searchedBackTo: next?.at ?? null };
}
