/**
 * A plain `pg` pool for the hot write path (request-log batches): Prisma's query compiler costs
 * more CPU per batch insert than the inserts themselves, so bulk writes go through SQL here.
 */
import pg from "pg";
import { env } from "../env";

const holder = globalThis as typeof globalThis & { __frontdeskPgPool?: pg.Pool; __frontdeskLogPool?: pg.Pool };

export function pgPool(): pg.Pool {
  if (!holder.__frontdeskPgPool) {
    const url = env().DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set.");
    const pool = new pg.Pool({ connectionString: url, max: 3, connectionTimeoutMillis: 5_000 });
    pool.on("error", () => {}); // an idle client lost its connection (database restart): the pool replaces it
    holder.__frontdeskPgPool = pool;
  }
  return holder.__frontdeskPgPool;
}

/**
 * The request-log writer's own connections (one per batch in flight), with synchronous_commit off:
 * a batch's COMMIT returns without waiting for its WAL to reach the disk. A crash of Postgres (not
 * of the gateway) may lose the last ~0.6 s of log rows (3 × wal_writer_delay); the database stays
 * consistent, and nothing but the log and its rollups is written on these connections.
 */
export function requestLogPool(): pg.Pool {
  if (!holder.__frontdeskLogPool) {
    const url = env().DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set.");
    const pool = new pg.Pool({ connectionString: url, max: 3, connectionTimeoutMillis: 5_000, options: "-c synchronous_commit=off" });
    pool.on("error", () => {});
    holder.__frontdeskLogPool = pool;
  }
  return holder.__frontdeskLogPool;
}

export async function closePgPool() {
  const pools = [holder.__frontdeskPgPool, holder.__frontdeskLogPool];
  holder.__frontdeskPgPool = holder.__frontdeskLogPool = undefined;
  await Promise.all(pools.map((pool) => pool?.end()));
}

/**
 * Runs `fn` on a checked-out client. While checked out, a client has no listener for
 * connection errors, and a server that goes away between two queries (restart, failover) makes
 * it emit 'error' — unhandled, that kills the process. This listens for the whole checkout and
 * discards a client whose connection failed instead of returning it to the pool.
 */
export async function withPgClient<T>(fn: (client: pg.PoolClient) => Promise<T>, pool: pg.Pool = pgPool()): Promise<T> {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onError = (error: Error) => {
    lost = error;
  };
  client.on("error", onError);
  let failed: Error | undefined;
  try {
    return await fn(client);
  } catch (error) {
    failed = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    // release(error) destroys the client (after any failure its socket may be dead); a
    // destroyed client keeps the listener, since closing it may still report an error
    const error = lost ?? failed;
    if (!error) client.removeListener("error", onError);
    client.release(error);
  }
}

/** `withPgClient` inside BEGIN … COMMIT, rolled back when `fn` throws. */
export function withPgTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>, pool: pg.Pool = pgPool()): Promise<T> {
  return withPgClient(async (client) => {
    await client.query("BEGIN");
    try {
      const result = await fn(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    }
  }, pool);
}
