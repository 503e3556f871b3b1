/**
 * Vitest global setup for integration tests: one fresh, migrated database per run on the
 * server of DATABASE_URL (else a temporary embedded Postgres), dropped at the end.
 */
import type { TestProject } from "vitest/node";
import { startEphemeralPostgres } from "../db/embedded-postgres";
import { assertLocalDatabase, createTestDatabase } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    pgServerUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const ephemeral = process.env.DATABASE_URL ? null : await startEphemeralPostgres();
  const serverUrl = process.env.DATABASE_URL ?? ephemeral!.url;
  assertLocalDatabase(serverUrl);
  const database = await createTestDatabase(serverUrl);
  project.provide("databaseUrl", database.url);
  project.provide("pgServerUrl", serverUrl);
  return async () => {
    await database.drop();
    await ephemeral?.stop();
  };
}
