/**
 * `npm run db:migrate`: apply pending migrations to DATABASE_URL, or to the embedded database
 * in the data folder (starting it for the duration when `npm start` is not running).
 */
import { migrate } from "../lib/db/migrate";
import { withDatabase } from "../lib/db/with-database";

process.exitCode = await withDatabase(async (url) => {
  const result = await migrate(url, { log: (l) => console.error(l) });
  for (const w of result.checksumWarnings) console.error(`warning: ${w}`);
  console.error(`${result.applied.length} migration(s) applied, ${result.alreadyApplied} already in place.`);
  return 0;
});
