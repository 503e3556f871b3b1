/**
 * `npm run seed:million`: 1,000,000 synthetic logged requests (and their rollups) over the last
 * 30 days, generated in Postgres, for trying the console at scale and for bench/console-api.
 *   --count 1000000 --days 30     how many, over how long
 * Uses DATABASE_URL, or the embedded database of `npm start`. The rows are demo rows: the
 * overview's "Remove demo data" deletes them.
 */
import { parseArgs } from "node:util";
import { withCliDatabase } from "../lib/cli/cli-database";

const { values } = parseArgs({ options: { count: { type: "string", default: "1000000" }, days: { type: "string", default: "30" } } });

await withCliDatabase(async () => {
  const { seedBulkRequests } = await import("../lib/demo/seed-bulk-requests");
  const result = await seedBulkRequests({ count: Number(values.count), days: Number(values.days), log: (l) => process.stderr.write(`  ${l}\n`) });
  console.log(`seed:million: ${result.inserted.toLocaleString("en-US")} requests, ${result.rollups.toLocaleString("en-US")} rollup rows in ${(result.ms / 1000).toFixed(1)} s`);
});
