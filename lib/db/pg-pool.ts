/**
 * A plain `pg` pool for the hot write path (request-log batches): Prisma's query compiler costs
 * more CPU per batch insert than the inserts themselves, so bulk writes go through SQL here.
 */
import pg from "pg";
import { env } from "../env.ts";

const holder = globalThis as typeof globalThis & { __frontdeskPgPool?: pg.Pool };

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

export async function closePgPool() {
  const pool = holder.__frontdeskPgPool;
  holder.__frontdeskPgPool = undefined;
  await pool?.end();
}
