/**
 * For command-line tools: run `fn` with a database URL — DATABASE_URL when set, else the
 * embedded database in the data folder (reusing the server `npm start` runs, or starting it
 * for the duration of the command).
 */
import path from "node:path";
import { env } from "../env";
import { startEmbeddedPostgres } from "./embedded-postgres";

export const EMBEDDED_DATABASE = "frontdesk";

export async function withDatabase<T>(fn: (databaseUrl: string) => Promise<T>): Promise<T> {
  const { DATABASE_URL, FRONTDESK_DATA_DIR } = env();
  if (DATABASE_URL) return fn(DATABASE_URL);
  const server = await startEmbeddedPostgres({
    dataDir: path.join(FRONTDESK_DATA_DIR, "postgres"),
    database: EMBEDDED_DATABASE,
    log: (l) => process.stderr.write(l + "\n"),
  });
  try {
    return await fn(server.url);
  } finally {
    if (server.owned) await server.stop();
  }
}
