/**
 * Request-log rows as lines of Postgres's COPY text format. COPY is the cheapest way into the
 * table for Postgres: the server reads each field with its type's input function, where the
 * jsonb batch (request-log-repo.ts) had it parse one large jsonb document and then take every
 * row apart again with jsonb_populate_recordset — about half of Postgres's time per logged row.
 *
 * A line is built and encoded to UTF-8 when the request is logged (encodeLogLine), with the row's
 * own createdAt: the writer's queue holds flat bytes, not the row's object graph.
 */
import type { RequestLogInsert } from "./request-log-repo";

type Kind = "text" | "json" | "bool" | "num";

/**
 * Every RequestLog column, in the order of the COPY's column list (an integration test compares
 * it with the table). The value of a column missing from a row is its default here, as in the
 * table; `null` stands for SQL NULL.
 */
const COLUMNS = [
  ["id", "text", null],
  ["createdAt", "text", null],
  ["apiKeyId", "text", null],
  ["policyId", "text", null],
  ["policyName", "text", null],
  ["tierId", "text", null],
  ["tierName", "text", null],
  ["model", "text", null],
  ["stage", "text", null],
  ["reason", "text", ""],
  ["scores", "json", null],
  ["decision", "json", null],
  ["uncertainty", "num", null],
  ["escalated", "bool", false],
  ["hedged", "bool", false],
  ["latency", "json", null],
  ["totalMs", "num", 0],
  ["promptTokens", "num", 0],
  ["completionTokens", "num", 0],
  ["costUsd", "num", 0],
  ["baselineCostUsd", "num", 0],
  ["escalationWasteUsd", "num", 0],
  ["hedgeWasteUsd", "num", 0],
  ["explored", "bool", false],
  ["exploreCostUsd", "num", 0],
  ["overheadMs", "num", 0],
  ["escalationWaitMs", "num", 0],
  ["quality", "num", null],
  ["status", "text", null],
  ["httpStatus", "num", 200],
  ["error", "text", null],
  ["prompt", "text", null],
  ["response", "text", null],
  ["sessionKey", "text", null],
  ["stream", "bool", false],
  ["api", "text", "chat"],
  ["isDemo", "bool", false],
] as const satisfies ReadonlyArray<readonly [keyof RequestLogInsert, Kind, unknown]>;

export const REQUEST_LOG_COPY_COLUMNS: readonly string[] = COLUMNS.map(([name]) => name);

type Column = (typeof COLUMNS)[number];
export type NumberColumn = Extract<Column, readonly [string, "num", unknown]>[0];
export type BoolColumn = Extract<Column, readonly [string, "bool", unknown]>[0];

const DEFAULTS = new Map<string, unknown>(COLUMNS.map(([name, , fallback]) => [name, fallback]));

/** A row's value for a column as its COPY line takes it: a missing field gets the column's default; null stays SQL NULL. */
function columnValue(row: RequestLogInsert, name: keyof RequestLogInsert, fallback: unknown): unknown {
  const value = row[name];
  return value === undefined ? fallback : value;
}

/** A numeric column's value as the row's COPY line writes it (null: SQL NULL). */
export function numberColumn(row: RequestLogInsert, name: NumberColumn): number | null {
  const value = columnValue(row, name, DEFAULTS.get(name));
  return value === null || value === undefined ? null : Number(value);
}

/** A boolean column's value as the row's COPY line writes it (SQL NULL read as false). */
export function boolColumn(row: RequestLogInsert, name: BoolColumn): boolean {
  return Boolean(columnValue(row, name, DEFAULTS.get(name)));
}

/** Column names as an SQL column list (quoted, in the given order). */
export function sqlColumnList(names: readonly string[]): string {
  return names.map((c) => `"${c}"`).join(", ");
}

/** The columns as an SQL column list, in the lines' order. */
export const REQUEST_LOG_COLUMN_LIST = sqlColumnList(REQUEST_LOG_COPY_COLUMNS);

/** `COPY "RequestLog" (…) FROM STDIN` into `table` (the log itself or a staging table of its shape). */
export function copyFromStdinSql(table: string): string {
  return `COPY ${table} (${REQUEST_LOG_COLUMN_LIST}) FROM STDIN`;
}

const CHUNK_BYTES = 65_536;
/**
 * One row as a COPY line in UTF-8. Encoded when the row is logged, while the line's pieces are
 * fresh: the writer's queue then holds flat bytes outside the JS heap, not a string the garbage
 * collector walks, and a flush only copies bytes (encoding a queued string at flush time cost
 * ~20 µs a row, most of it flattening the concatenation, by then scattered in the old generation).
 */
export function encodeLogLine(row: RequestLogInsert, createdAt: Date): Buffer {
  return Buffer.from(requestLogLine(row, createdAt));
}

/** One row as a COPY text line (ending in a newline); `createdAt` when the row has none. */
export function requestLogLine(row: RequestLogInsert, createdAt: Date): string {
  let line = "";
  for (let i = 0; i < COLUMNS.length; i++) {
    const [name, kind, fallback] = COLUMNS[i]!;
    const value = name === "createdAt" ? (row.createdAt ?? createdAt) : columnValue(row, name, fallback);
    line += (i ? "\t" : "") + field(value, kind);
  }
  return `${line}\n`;
}

function field(value: unknown, kind: Kind): string {
  if (value === null || value === undefined) return "\\N";
  switch (kind) {
    case "bool":
      return value ? "t" : "f";
    case "num":
      return String(value as number);
    case "json": {
      // JSON text has no raw control characters; only its backslashes need COPY's escaping, and
      // without a backslash there is no escape for pgSafeJson to mend either
      const json = JSON.stringify(value);
      return json.includes("\\") ? pgSafeJson(json).replace(/\\/g, "\\\\") : json;
    }
    case "text":
      return escapeText(value instanceof Date ? value.toISOString() : String(value));
  }
}

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

const NEEDS_ESCAPE = /[\\\n\r\t\0]/;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\0": "\uFFFD" };

/**
 * Text with COPY's special characters escaped. U+0000 (which text cannot hold) becomes U+FFFD;
 * a lone UTF-16 surrogate needs nothing here: the UTF-8 encoding of the line writes it as U+FFFD.
 */
function escapeText(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(/[\\\n\r\t\0]/g, (c) => ESCAPES[c]!) : text;
}

/** Encoded lines in ~64 KB Buffers: one CopyData message per chunk, not per row. */
export function copyChunks(lines: Buffer[]): Buffer[] {
  const out = new ChunkWriter();
  for (const line of lines) {
    const chunk = out.room(line.length); // before reading `used`: a fresh chunk starts at 0
    out.used += line.copy(chunk, out.used);
  }
  return out.end();
}

/**
 * Buffers of ~64 KB filled in order, for COPY: write at `used` into the Buffer `room(size)` gives
 * (a fresh one when the current one has less than `size` left, as large as `size` when that is
 * more than 64 KB), then `end()` gives the filled parts.
 */
class ChunkWriter {
  private readonly chunks: Buffer[] = [];
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  used = 0;

  room(size: number): Buffer {
    if (this.used + size > this.chunk.length) {
      this.close();
      this.chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, size));
    }
    return this.chunk;
  }

  end(): Buffer[] {
    this.close();
    return this.chunks;
  }

  private close() {
    if (this.used) this.chunks.push(this.chunk.subarray(0, this.used));
    this.used = 0;
  }
}
