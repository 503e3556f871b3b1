import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { pendingSchemaSql, SCHEMA_PATH } from "../../scripts/lib/pending-schema-sql";
import { createTestDatabase } from "../testing/test-database";
import { migrate, readMigrations } from "./migrate";

const serverUrl = inject("pgServerUrl");
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

async function query<T extends pg.QueryResultRow>(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("migrations", () => {
  it("records every migration in _prisma_migrations with Prisma's sha256 checksum, once", async () => {
    const database = await createTestDatabase(serverUrl, "frontdesk_migrate");
    cleanups.push(database.drop);
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      database.url,
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    const files = readMigrations();
    expect(files.length).toBeGreaterThan(0);
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(files.map((m) => [m.name, m.checksum]));
    expect(rows.every((r) => r.finished_at)).toBe(true);
    const again = await migrate(database.url);
    expect(again).toMatchObject({ applied: [], alreadyApplied: files.length, checksumWarnings: [] });
  });

  it("rolls a failing migration back whole and leaves no half-applied row", async () => {
    const database = await createTestDatabase(serverUrl, "frontdesk_migrate_fail");
    cleanups.push(database.drop);
    const dir = `${process.env.TMPDIR ?? "/tmp"}/frontdesk-bad-migrations-${Date.now()}`;
    const { mkdirSync, writeFileSync, rmSync } = await import("node:fs");
    mkdirSync(`${dir}/99990101000000_bad`, { recursive: true });
    writeFileSync(`${dir}/99990101000000_bad/migration.sql`, `CREATE TABLE "half" (id int); SELECT * FROM "no_such_table";`);
    await expect(migrate(database.url, { dir })).rejects.toThrow(/99990101000000_bad failed/);
    const leftovers = await query(database.url, `SELECT to_regclass('"half"') AS t`);
    expect(leftovers[0]).toEqual({ t: null });
    const rows = await query(database.url, `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '99990101000000_bad'`);
    expect(rows).toHaveLength(0);
    rmSync(dir, { recursive: true, force: true });
  });

  it("schema.prisma and the migrations agree (run `npm run db:diff -- <name>` after editing the schema)", async () => {
    expect(await pendingSchemaSql(serverUrl)).toBe("");
  });

  it("notices a schema change that no migration covers", async () => {
    const edited = readFileSync(SCHEMA_PATH, "utf8").replace("model Setting {", "model Setting {\n  addedInTest String?");
    const sql = await pendingSchemaSql(serverUrl, edited);
    expect(sql).toMatch(/ALTER TABLE "Setting" ADD COLUMN\s+"addedInTest" TEXT/);
  });
});
