/**
 * SQL that the migrations folder is missing, compared with prisma/schema.prisma.
 * Empty string = they agree.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { MIGRATIONS_DIR, readMigrations } from "../../lib/db/migrate";
import { diffMigrationsToSchema } from "./schema-engine";

export const SCHEMA_PATH = path.resolve(import.meta.dirname, "../../prisma/schema.prisma");

export function isEmptyMigration(sql: string) {
  return sql
    .split("\n")
    .map((l) => l.trim())
    .every((l) => l === "" || l.startsWith("--"));
}

export async function pendingSchemaSql(serverUrl: string, schemaText = readFileSync(SCHEMA_PATH, "utf8")): Promise<string> {
  const sql = await diffMigrationsToSchema({
    schemaText,
    migrations: readMigrations().map((m) => ({ name: m.name, sql: m.sql })),
    migrationsDir: MIGRATIONS_DIR,
    databaseUrl: serverUrl,
  });
  return isEmptyMigration(sql) ? "" : sql;
}
