/**
 * `npm start`: one command from a fresh clone to a running console and gateway.
 *   no DATABASE_URL → start the embedded PostgreSQL (data in .data/postgres, kept across restarts)
 *   → apply migrations → first-run seed → build the console if needed → serve on PORT.
 * SIGINT/SIGTERM: stop accepting requests, drain, close the database pool, stop Postgres.
 * `npm run dev` does the same with Next.js in development mode (no build).
 */
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../lib/db/embedded-postgres";
import { migrate } from "../lib/db/migrate";
import { EMBEDDED_DATABASE } from "../lib/db/with-database";
import { env, resetEnvCache } from "../lib/env";
import { tuneGcForLatency } from "../lib/server/gc-tuning";
import { buildIfNeeded } from "./lib/build-if-needed";

const ROOT = path.resolve(import.meta.dirname, "..");
const isDev = process.argv.includes("--dev");
const log = (line: string) => console.log(`[frontdesk] ${line}`);

(process.env as Record<string, string>).NODE_ENV ??= isDev ? "development" : "production";
process.env.NEXT_TELEMETRY_DISABLED = "1";

type Stoppable = { name: string; stop: () => Promise<void> };
const running: Stoppable[] = [];
/** Run on a forced exit (second signal): nothing may be left behind. */
const forceStop: Array<() => void> = [];
let shuttingDown = false;

async function shutdown(signal: string, code = 0) {
  if (shuttingDown) {
    log(`${signal} again: exiting now`);
    forceStop.forEach((stop) => stop());
    process.exit(1);
  }
  shuttingDown = true;
  log(`${signal}: shutting down…`);
  for (const item of running.reverse()) {
    await item.stop().catch((error) => console.error(`[frontdesk] stopping ${item.name} failed:`, error));
  }
  process.exit(code);
}

function printFirstAdmin(admin: { email: string; generatedPassword?: string }) {
  if (!admin.generatedPassword) {
    log(`first admin: ${admin.email} (password from ADMIN_PASSWORD)`);
    return;
  }
  const lines = ["First admin account (shown once; change it after signing in):", `  email:    ${admin.email}`, `  password: ${admin.generatedPassword}`];
  const width = Math.max(...lines.map((l) => l.length)) + 2;
  console.log(`\n┌${"─".repeat(width)}┐\n${lines.map((l) => `│ ${l.padEnd(width - 1)}│`).join("\n")}\n└${"─".repeat(width)}┘\n`);
}

/** The key for secrets at rest (a malformed FRONTDESK_SECRET_KEY stops the start here), then any plaintext left from before. */
async function secureSecrets() {
  const { secretKey } = await import("../lib/db/secret-key");
  const key = secretKey();
  log(`secrets at rest: key ${key.id} from ${key.source === "env" ? "FRONTDESK_SECRET_KEY" : `${path.relative(ROOT, key.file!) || key.file} (keep it with the data; SECURITY.md)`}`);
  const { encryptStoredSecrets } = await import("../lib/db/encrypt-stored-secrets");
  const done = await encryptStoredSecrets();
  if (done.keys || done.headers) log(`secrets at rest: encrypted ${done.keys} stored key(s), moved the headers of ${done.headers} tier(s)`);
}

async function main() {
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  const config = env();
  tuneGcForLatency(config.GATEWAY_HEAP_GROWTH_PERCENT);

  let pg: EmbeddedPostgres | undefined;
  if (!config.DATABASE_URL) {
    pg = await startEmbeddedPostgres({ dataDir: path.join(config.FRONTDESK_DATA_DIR, "postgres"), database: EMBEDDED_DATABASE, log });
    running.push({ name: "embedded PostgreSQL", stop: () => pg!.stop() });
    forceStop.push(() => pg!.signalStop());
    process.env.DATABASE_URL = pg.url;
    resetEnvCache();
  } else {
    log(`using DATABASE_URL (${new URL(config.DATABASE_URL).host})`);
  }
  const databaseUrl = env().DATABASE_URL!;
  const migrated = await migrate(databaseUrl, { log });
  for (const warning of migrated.checksumWarnings) log(`warning: ${warning}`);
  await secureSecrets();

  const { seed } = await import("../prisma/seed");
  const seeded = await seed({ adminEmail: config.ADMIN_EMAIL, adminPassword: config.ADMIN_PASSWORD, demo: config.FRONTDESK_SEED_DEMO });
  if (seeded.admin) printFirstAdmin(seeded.admin);
  if (seeded.demoTraffic) {
    const d = seeded.demoTraffic;
    log("error" in d ? `demo traffic backfill failed (the console starts empty): ${d.error}` : `demo week backfilled: ${d.requests} requests, ${d.labels} labels in ${d.ms} ms (remove them on /overview)`);
  }
  if (seeded.demoDataset) {
    const d = seeded.demoDataset;
    log("error" in d ? `demo dataset import failed (import one on /jobs): ${d.error}` : `demo dataset "${d.name}" imported: ${d.rows} rows (retrain on /jobs)`);
  }
  const { disconnectDb } = await import("../lib/db/prisma");
  running.push({ name: "database pool", stop: disconnectDb });
  const { gatewayRuntime } = await import("../lib/gateway/gateway-runtime");
  await gatewayRuntime().start();
  running.push({
    name: "request-log writer",
    stop: async () => {
      const stats = await gatewayRuntime().stop();
      log(`request log flushed: ${stats.written} written${stats.dropped ? `, ${stats.dropped} DROPPED` : ""}`);
    },
  });

  const { startWorker } = await import("../lib/jobs/worker");
  const worker = await startWorker((line) => log(`worker: ${line}`));
  running.push({ name: "job worker", stop: () => worker.stop() });

  if (!isDev) {
    await buildIfNeeded(ROOT, log, (child) => {
      const stop = () => void child.kill("SIGTERM");
      running.push({ name: "next build", stop: async () => stop() });
      forceStop.push(stop);
    });
  }
  const { startHttpServer } = await import("../lib/server/start-http-server");
  const server = await startHttpServer({ dev: isDev, port: config.PORT, host: config.HOST, dir: ROOT });
  running.push({ name: "HTTP server", stop: () => server.close() });
  log(`ready: console and gateway on ${server.url}`);
}

main().catch(async (error) => {
  if (shuttingDown) return;
  console.error(`[frontdesk] could not start: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown("startup failure", 1);
});
