/**
 * The request log's day partitions (prisma/migrations/20261207010000_request_log_partitions):
 * "RequestLog" is partitioned by range of its id, a UUIDv7 whose first 48 bits are the
 * decision's Unix time in ms, so the UTC day D holds the ids from D's first UUIDv7 up to the next
 * day's. "RequestLog_default" takes every other id (non-v7 ids, a day without a partition):
 * an insert never fails. Maintenance (the gateway runtime, hourly) creates the days ahead and
 * retention drops whole days: DETACH + DROP, no row-by-row DELETE, no vacuum debt. The hourly
 * rollups are separate tables and are kept (forever): dashboards over old ranges still work.
 */
import type pg from "pg";
import { withPgClient } from "./pg-pool";

const DAY_MS = 86_400_000;
const PARENT = "RequestLog";
const DEFAULT_PARTITION = "RequestLog_default";
const NAME_PREFIX = "RequestLog_d";
const MAINTENANCE_LOCK_KEY = 72707371; // next to the migrator's and the seed's

type Client = Pick<pg.PoolClient, "query">;

/** The smallest UUIDv7 of the millisecond `ms`: the lower bound of the ids at or after it. */
export function uuidv7Floor(ms: number): string {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
}

/** Midnight UTC of the day holding `ms`. */
export function utcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

export function partitionName(dayMs: number): string {
  return `${NAME_PREFIX}${new Date(dayMs).toISOString().slice(0, 10).replaceAll("-", "")}`;
}

function dayOfPartition(name: string): number | null {
  const m = /^RequestLog_d(\d{4})(\d{2})(\d{2})$/.exec(name);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
}

/** The day partitions that exist, oldest first (day = midnight UTC, ms). */
export async function listRequestLogPartitions(client: Client): Promise<Array<{ name: string; day: number }>> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = '"${PARENT}"'::regclass`,
  );
  return rows.flatMap((r) => {
    const day = dayOfPartition(r.name);
    return day === null ? [] : [{ name: r.name, day }];
  });
}

/**
 * A new partition's storage parameters: on a server without lz4, rows up to 4 KB are not
 * compressed (pglz cost ~15% of Postgres's CPU per logged row; see
 * prisma/migrations/20261207190000_request_log_json, which sets the same on the partitions it finds).
 */
async function partitionStorage(client: Client): Promise<string> {
  return (await serverHasLz4(client)) ? "" : " WITH (toast_tuple_target = 4096)";
}

/** Whether this Postgres was built with lz4 (most packaged builds; not the embedded one of `npm start`). */
export async function serverHasLz4(client: Client): Promise<boolean> {
  const { rows } = await client.query<{ lz4: boolean }>(`SELECT 'lz4' = ANY (enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`);
  return rows[0]?.lz4 === true;
}

/**
 * Creates the partitions of the days from `from` through `to` (inclusive) that do not exist.
 * A day whose ids already sit in the default partition (rows written while it had no
 * partition) is skipped and reported: attaching it would fail, and its rows stay findable there.
 */
export async function ensureRequestLogPartitions(opts: { from: number; to: number }, client?: Client): Promise<{ created: string[]; skipped: string[] }> {
  if (!client) return withPgClient((c) => ensureRequestLogPartitions(opts, c));
  const existing = new Set((await listRequestLogPartitions(client)).map((p) => p.name));
  let storage: string | undefined; // asked once, when a partition is to be made
  const created: string[] = [];
  const skipped: string[] = [];
  for (let day = utcDay(opts.from); day <= utcDay(opts.to); day += DAY_MS) {
    const name = partitionName(day);
    if (existing.has(name)) continue;
    const [lo, hi] = [uuidv7Floor(day), uuidv7Floor(day + DAY_MS)];
    // Checked first rather than caught: the caller may be inside a transaction, which a failed CREATE would abort.
    const strays = await client.query(`SELECT 1 FROM "${DEFAULT_PARTITION}" WHERE id >= $1 AND id < $2 LIMIT 1`, [lo, hi]);
    if (strays.rows.length) {
      skipped.push(name);
      continue;
    }
    storage ??= await partitionStorage(client);
    await client.query(`CREATE TABLE IF NOT EXISTS "${name}" PARTITION OF "${PARENT}" FOR VALUES FROM ('${lo}') TO ('${hi}')${storage}`);
    created.push(name);
  }
  return { created, skipped };
}

/**
 * Retention: drops every day partition wholly older than `before` (its day ended at or before
 * it), and deletes the default partition's rows created before it. Labels and label claims of
 * the dropped days go first (their foreign keys would refuse the detach). Each day is its own
 * transaction; ShadowPair rows (no foreign key) and the rollups are left as they are.
 */
export async function dropExpiredRequestLogPartitions(before: Date, client?: Client): Promise<{ dropped: string[]; strays: number }> {
  if (!client) return withPgClient((c) => dropExpiredRequestLogPartitions(before, c));
  const dropped: string[] = [];
  for (const { name, day } of await listRequestLogPartitions(client)) {
    if (day + DAY_MS > before.getTime()) continue;
    const range = [uuidv7Floor(day), uuidv7Floor(day + DAY_MS)];
    await client.query("BEGIN");
    try {
      await client.query(`DELETE FROM "Label" WHERE "requestId" >= $1 AND "requestId" < $2`, range);
      await client.query(`DELETE FROM "LabelClaim" WHERE "requestId" >= $1 AND "requestId" < $2`, range);
      await client.query(`ALTER TABLE "${PARENT}" DETACH PARTITION "${name}"`);
      await client.query(`DROP TABLE "${name}"`);
      await client.query("COMMIT");
      dropped.push(name);
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
  }
  // Rows of the default partition go row by row (ON DELETE CASCADE takes their labels): few by design.
  const { rowCount } = await client.query(`DELETE FROM "${DEFAULT_PARTITION}" WHERE "createdAt" < $1`, [before]);
  return { dropped, strays: rowCount ?? 0 };
}

/**
 * The runtime's step: the next `daysAhead` days exist and, with `retentionDays`, the days past it
 * are gone (the runtime runs retention hourly, not at start-up).
 */
export async function maintainRequestLog(opts: { now: number; retentionDays?: number; daysAhead?: number }) {
  return withPgClient(async (client) => {
    // Several gateways run this: one at a time (concurrent CREATEs of one partition collide), the others skip.
    const [{ locked }] = (await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [MAINTENANCE_LOCK_KEY])).rows;
    if (!locked) return { created: [], skipped: [], dropped: [], strays: 0 };
    try {
      return await maintain(client, opts);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MAINTENANCE_LOCK_KEY]);
    }
  });
}

async function maintain(client: Client, opts: { now: number; retentionDays?: number; daysAhead?: number }) {
  const ahead = await ensureRequestLogPartitions({ from: opts.now, to: opts.now + (opts.daysAhead ?? 3) * DAY_MS }, client);
  const expired = opts.retentionDays === undefined ? { dropped: [], strays: 0 } : await dropExpiredRequestLogPartitions(new Date(opts.now - opts.retentionDays * DAY_MS), client);
  return { ...ahead, ...expired };
}
