/**
 * `npm run db:migrate`: apply pending migrations to DATABASE_URL, or to the embedded database
 * in the data folder (starting it for the duration when `npm start` is not running); then encrypts
 * secrets stored in plaintext by older versions (lib/db/encrypt-stored-secrets.ts).
 */
import { migrate } from "../lib/db/migrate";
import { withDatabase } from "../lib/db/with-database";
import { resetEnvCache } from "../lib/env";

process.exitCode = await withDatabase(async (url) => {
  const result = await migrate(url, { log: (l) => console.error(l) });
  for (const w of result.checksumWarnings) console.error(`warning: ${w}`);
  console.error(`${result.applied.length} migration(s) applied, ${result.alreadyApplied} already in place.`);
  process.env.DATABASE_URL = url;
  resetEnvCache();
  const { encryptStoredSecrets } = await import("../lib/db/encrypt-stored-secrets");
  const done = await encryptStoredSecrets();
  if (done.keys || done.headers) console.error(`secrets at rest: encrypted ${done.keys} stored key(s), moved the headers of ${done.headers} tier(s).`);
  const { disconnectDb } = await import("../lib/db/prisma");
  await disconnectDb();
  return 0;
});
