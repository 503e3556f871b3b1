/**
 * Console pages on a large request log, in a real browser: with 1,000,000 logged requests over 30
 * days (BENCH_ROWS; the database frontdesk_bench_1m is kept between runs, bench/lib/bench-database.ts),
 * the production server (`npm start`'s entry point on that database; the console is built first
 * when .next holds no build) and Chromium signed in as an admin, each page of the navigation plus
 * a request's detail is opened BENCH_ROUNDS times (after one warm-up visit).
 * Measured: from the navigation's start to the first data on screen — the page's main content
 * rendered with no loading placeholder (role="status" "Loading…", aria-busy) left. Prints the
 * median and the slowest visit per page; target ≤ 1 s. The request list's filters as API calls are
 * in console-scale (BENCH_ROWS=1000000 for the 1M figure).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";
import { NAV_ITEMS } from "../lib/auth/permissions";
import { freePort, startEphemeralPostgres } from "../lib/db/embedded-postgres";
import { CHROMIUM_ARGS, systemChromium } from "../lib/testing/chromium";
import { benchDatabase, query } from "./lib/bench-database";
import { percentile } from "./lib/load";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TARGET_MS = 1_000;
const ADMIN = { email: "bench@example.com", password: "bench-password-1" };

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`))));
  });
}

async function startServer(databaseUrl: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server stopped (exit ${child.exitCode}):\n${output}`);
    const ready = await fetch(`http://127.0.0.1:${port}/api/health/ready`).then((r) => r.ok, () => false);
    if (ready) return child;
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill("SIGKILL");
  throw new Error(`the server did not become ready in 180 s:\n${output}`);
}

/** Resolves when the page shows data: main rendered, no loading placeholder left (evaluated in the page). */
const FIRST_DATA = () => {
  const main = document.querySelector("main");
  if (!main || main.textContent!.trim().length === 0) return false;
  const loading = [...document.querySelectorAll('[role="status"]')].some((el) => /^Loading/i.test(el.getAttribute("aria-label") ?? el.textContent ?? ""));
  return !loading && !document.querySelector('main [aria-busy="true"]');
};

async function main() {
  const ephemeral = process.env.DATABASE_URL ? null : await startEphemeralPostgres();
  const url = await benchDatabase(process.env.DATABASE_URL ?? ephemeral!.url, ROWS, ADMIN);
  let server: ChildProcess | undefined;
  const browser = await chromium.launch({ executablePath: systemChromium(), args: CHROMIUM_ARGS });
  try {
    if (!existsSync(".next/BUILD_ID")) {
      console.log("no console build in .next: building it (npx next build)");
      await run("npx", ["next", "build"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
    }
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = await startServer(url, port);
    const [{ id }] = await query<{ id: string }>(url, `SELECT id FROM "RequestLog" ORDER BY "createdAt" DESC, id DESC OFFSET 7 LIMIT 1`);
    const pages = [...NAV_ITEMS.map((item) => item.href), `/requests/${id}`];

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const signIn = await context.request.post(`${base}/api/auth/sign-in`, { data: ADMIN, headers: { origin: base } });
    if (!signIn.ok()) throw new Error(`sign-in failed: HTTP ${signIn.status()} ${await signIn.text()}`);
    const page = await context.newPage();
    console.log(`console pages with ${ROWS.toLocaleString("en-US")} logged requests: navigation start → first data, ${ROUNDS} visits each after a warm-up (target ≤ ${TARGET_MS} ms)`);
    let over = 0;
    for (const path of pages) {
      const times: number[] = [];
      for (let round = 0; round <= ROUNDS; round++) {
        await page.goto(`${base}${path}`, { waitUntil: "commit" });
        if (new URL(page.url()).pathname.startsWith("/sign-in")) throw new Error(`${path}: sent to sign-in`);
        await page.waitForFunction(FIRST_DATA, undefined, { polling: "raf", timeout: 30_000 });
        const ms = await page.evaluate(() => performance.now());
        if (round > 0) times.push(ms);
      }
      times.sort((a, b) => a - b);
      const median = percentile(times, 50);
      const slowest = times[times.length - 1]!;
      if (slowest > TARGET_MS) over++;
      console.log(`${path.padEnd(40)} median ${median.toFixed(0).padStart(5)} ms   slowest ${slowest.toFixed(0).padStart(5)} ms   ${slowest <= TARGET_MS ? "ok" : `OVER ${TARGET_MS} ms`}`);
    }
    console.log(over === 0 ? `every page showed its first data within ${TARGET_MS} ms` : `${over} page(s) over ${TARGET_MS} ms on their slowest visit`);
    await context.close();
  } finally {
    await browser.close();
    server?.kill("SIGTERM");
    if (server) await new Promise((r) => server!.once("exit", r));
    await ephemeral?.stop();
  }
}

await main();
