/**
 * e2e journeys in Chromium against the built app and a real Postgres. Run through
 * `npm run test:e2e` (or `npm test`), which creates a fresh database and passes its URL in
 * E2E_DATABASE_URL; the server is `npm start`'s own entry point on that database.
 */
import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, systemChromium } from "./lib/testing/chromium";
import { assertLocalDatabase } from "./lib/testing/test-database";

const databaseUrl = process.env.E2E_DATABASE_URL;
if (!databaseUrl) throw new Error("E2E_DATABASE_URL is not set: run the e2e tests with `npm run test:e2e`.");
assertLocalDatabase(databaseUrl);

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;
export const E2E_ADMIN = { email: "admin@e2e.test", password: "e2e-admin-password" };

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 1,
  forbidOnly: true,
  timeout: 30_000,
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: systemChromium(), args: CHROMIUM_ARGS },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 } } }],
  webServer: {
    command: "node --import tsx scripts/start.ts",
    url: `${baseURL}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    env: {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      ADMIN_EMAIL: E2E_ADMIN.email,
      ADMIN_PASSWORD: E2E_ADMIN.password,
      // Every journey signs in from 127.0.0.1: more than the default 20 a minute per address when the
      // suite runs fast. The limiter itself is tested in lib/auth/sign-in-limits.int.test.ts.
      SIGN_IN_PER_IP_PER_MINUTE: "200",
      SIGN_IN_GLOBAL_PER_MINUTE: "400",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
