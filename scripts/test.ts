/**
 * `npm test`: lint → typecheck → unit → integration → build → e2e, stopping at the first
 * failure. Integration and e2e tests get fresh databases on the Postgres server of DATABASE_URL,
 * or on a temporary embedded Postgres when it is unset; all are dropped at the end.
 *   npm test -- --only e2e        run one step (lint|typecheck|unit|integration|build|e2e)
 *   npm test -- --only e2e e2e/console-a11y.spec.ts   only the journeys named
 *   npm test -- --skip build      skip steps
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { startEphemeralPostgres, type EmbeddedPostgres } from "../lib/db/embedded-postgres";
import { systemChromium } from "../lib/testing/chromium";
import { assertLocalDatabase, createTestDatabase } from "../lib/testing/test-database";
import { writeSourceStamp } from "./lib/build-if-needed";

const ROOT = path.resolve(import.meta.dirname, "..");
const STEPS = ["lint", "typecheck", "unit", "integration", "build", "e2e"] as const;
type Step = (typeof STEPS)[number];

function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);

function selectedSteps(argv: string[]): Step[] {
  const pick = (flag: string) => argv.flatMap((a, i) => (a === flag && argv[i + 1] ? argv[i + 1]!.split(",") : []));
  const only = pick("--only");
  const skip = pick("--skip");
  for (const s of [...only, ...skip]) if (!STEPS.includes(s as Step)) throw new Error(`unknown step "${s}" (steps: ${STEPS.join(", ")})`);
  return STEPS.filter((s) => (only.length === 0 || only.includes(s)) && !skip.includes(s));
}

async function ensureChromium() {
  if (systemChromium()) return 0;
  const { chromium } = await import("@playwright/test");
  if (existsSync(chromium.executablePath())) return 0;
  console.log("[test] no system Chromium found: downloading Playwright's (one time)…");
  return run(bin("playwright"), ["install", "chromium"]);
}

let pgServer: EmbeddedPostgres | null = null;
async function serverUrl(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  pgServer ??= await startEphemeralPostgres();
  return pgServer.url;
}

async function runStep(step: Step): Promise<number> {
  switch (step) {
    case "lint":
      return run(bin("eslint"), [".", "--max-warnings=0"]);
    case "typecheck":
      return run(bin("tsc"), ["--noEmit"]);
    case "unit":
      return run(bin("vitest"), ["run", "--project", "unit"]);
    case "integration": {
      const url = await serverUrl();
      assertLocalDatabase(url);
      return run(bin("vitest"), ["run", "--project", "integration"], { DATABASE_URL: url });
    }
    case "build": {
      const code = await run(bin("next"), ["build"], { NODE_ENV: "production" });
      if (code === 0) writeSourceStamp(ROOT); // the e2e server's start then reuses this build
      return code;
    }
    case "e2e": {
      if ((await ensureChromium()) !== 0) return 1;
      const url = await serverUrl();
      assertLocalDatabase(url);
      const database = await createTestDatabase(url, "frontdesk_e2e");
      try {
        // `npm test -- --only e2e e2e/console-a11y.spec.ts`: only the journeys named
        const specs = process.argv.slice(2).filter((a) => a.endsWith(".spec.ts"));
        return await run(bin("playwright"), ["test", ...specs], { E2E_DATABASE_URL: database.url, DATABASE_URL: "" });
      } finally {
        await database.drop();
      }
    }
  }
}

async function main(): Promise<number> {
  const steps = selectedSteps(process.argv.slice(2));
  const timings: string[] = [];
  try {
    for (const step of steps) {
      const started = Date.now();
      console.log(`\n[test] ── ${step} ──`);
      const code = await runStep(step);
      timings.push(`${step} ${((Date.now() - started) / 1000).toFixed(1)}s`);
      if (code !== 0) {
        console.error(`\n[test] ${step} failed (exit ${code}).`);
        return code;
      }
    }
    console.log(`\n[test] all passed: ${timings.join(", ")}`);
    return 0;
  } finally {
    await pgServer?.stop();
  }
}

process.exitCode = await main();
