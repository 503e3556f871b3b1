/**
 * Database access for CLI commands: DATABASE_URL, or the embedded database in the data folder
 * (shared with a running `npm start`, or started for the command). Migrates first.
 */
import { migrate } from "../db/migrate";
import { withDatabase } from "../db/with-database";
import { resetEnvCache } from "../env";

export async function withCliDatabase<T>(fn: () => Promise<T>): Promise<T> {
  return withDatabase(async (url) => {
    process.env.DATABASE_URL = url;
    resetEnvCache();
    await migrate(url);
    const { disconnectDb } = await import("../db/prisma");
    try {
      return await fn();
    } finally {
      await disconnectDb();
    }
  });
}
