/**
 * The request list's text search (`q`: ILIKE '%…%' over prompts, no index — a trigram index
 * would tax every write of the log, README "Request log"). Unbounded, a rare text scanned the
 * whole log before answering (27 s at 10M rows). Here each call is bounded: it walks the log newest
 * first in windows of time, in the list's own keyset order (createdAt DESC, id DESC, under the
 * other filters' indexes), and stops when the page is full, the log is exhausted, or the time
 * budget is spent. It answers what it found and the position it searched back to; the next call
 * resumes there (a nextCursor like any other), so calls together see every row once, newest first.
 */
import { createHash } from "node:crypto";
import { pgPool } from "./pg-pool";

export type SearchBudget = {
  /** Time after which no new window is started (a window is sized to fit what is left). */
  budgetMs: number;
  /** The first window's span; later ones grow with the measured scan rate (at most 8× a step). */
  firstWindowMs: number;
};

/** ~200 ms of scanning a call, leaving room for the rest of the request (p95 target 300 ms). */
export const SEARCH_BUDGET: SearchBudget = { budgetMs: 200, firstWindowMs: 30 * 60_000 };

/** A position in the list's order: rows below it come next. `id` ZERO_ID: every row at `at` or later. */
type Position = { at: Date; id: string };
const ZERO_ID = "00000000-0000-0000-0000-000000000000";

export type SearchResult = {
  keys: Array<{ id: string; snippet: string | null }>;
  /** Where the next call resumes; null when every row has been searched. */
  next: Position | null;
  /** Every row newer than this was searched (null: all of them). */
  searchedBackTo: Date | null;
};

type Hit = { id: string; createdAt: Date; snippet: string };

/**
 * Up to `limit` rows whose prompt matches `pattern` (an ILIKE pattern), newest first below
 * `cursor`, under `where` (SQL clauses whose parameters are `values`). It searches windows of
 * time going back from the cursor — each one query whose index range scan filters the prompts
 * in place and sorts only its hits — until the page is full, the oldest row is passed or the
 * budget is spent.
 */
export async function searchRequestLog(opts: {
  where: string[];
  values: unknown[];
  pattern: string;
  cursor?: Position;
  /** Where the first window ends without a cursor (ms): the range's end, or now (rows logged after it fall in that window too). */
  start: number;
  limit: number;
  budget?: SearchBudget;
}): Promise<SearchResult> {
  const budget = opts.budget ?? SEARCH_BUDGET;
  const started = performance.now();
  const query = async <R extends object>(sql: (param: (v: unknown) => string, where: string) => string, upper: Position | undefined) => {
    const values = [...opts.values];
    const param = (value: unknown) => `$${values.push(value)}`;
    const where = [...opts.where];
    if (upper) where.push(`("createdAt", id) < (${param(upper.at)}::timestamptz, ${param(upper.id)}::uuid)`);
    const text = sql(param, where.length ? `WHERE ${where.join(" AND ")}` : "");
    // Named (prepared once a connection): planning a query over every day partition costs more than a small window's scan.
    const name = `request_search_${createHash("sha1").update(text).digest("hex").slice(0, 16)}`;
    return (await pgPool().query<R>({ name, text, values })).rows;
  };
  // The oldest row under the filters (the end of the search) is looked up beside the first window.
  const oldest = query<{ oldest: Date | null }>((_, where) => `SELECT min("createdAt") AS oldest FROM "RequestLog" ${where}`, opts.cursor).then(([r]) => r?.oldest ?? null);
  oldest.catch(() => {}); // awaited below; a failed window must not leave it unhandled
  const hits: Hit[] = [];
  let upper = opts.cursor;
  let windowMs = budget.firstWindowMs;
  for (;;) {
    const lo = new Date((upper?.at.getTime() ?? opts.start) - windowMs);
    const wanted = opts.limit - hits.length;
    const t = performance.now();
    const found = await query<Hit>(
      (param, where) => `SELECT id, "createdAt", left(prompt, 160) AS snippet FROM "RequestLog" ${where}
        ${where ? "AND" : "WHERE"} "createdAt" >= ${param(lo)} AND prompt ILIKE ${param(opts.pattern)}
        ORDER BY "createdAt" DESC, id DESC LIMIT ${param(wanted + 1)}`,
      upper,
    );
    const ms = performance.now() - t;
    if (found.length > wanted) {
      // More hits than the page holds: the page ends at its last hit, the rest come next call.
      hits.push(...found.slice(0, wanted));
      const last = hits[hits.length - 1]!;
      return done(hits, { at: last.createdAt, id: last.id });
    }
    hits.push(...found);
    const end = await oldest;
    if (!end || lo <= end) return done(hits, null);
    upper = { at: lo, id: ZERO_ID };
    const left = budget.budgetMs - (performance.now() - started);
    if (hits.length === opts.limit || left <= budget.budgetMs * 0.1) return done(hits, upper);
    windowMs = Math.max(1_000, Math.floor(windowMs * Math.min(8, (left * 0.7) / Math.max(ms, 1))));
  }
}

function done(hits: Hit[], next: Position | null): SearchResult {
  return { keys: hits.map((h) => ({ id: h.id, snippet: h.snippet })), next, searchedBackTo: next?.at ?? null };
}
