/**
 * Fresh databases for tests: created on the Postgres server of DATABASE_URL (or an embedded
 * one), migrated, and dropped afterwards. Node-only test support.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { databaseUrl } from "../db/embedded-postgres";
import { migrate } from "../db/migrate";

async function adminQuery(serverUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(serverUrl: string, prefix = "frontdesk_test"): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  const url = databaseUrl(serverUrl, name);
  await migrate(url);
  return { url, name, drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** Test databases must live on this machine: never point tests at a shared server. */
export function assertLocalDatabase(url: string) {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    throw new Error(`Refusing to run tests against a non-local database (${host}).`);
  }
}
