/**
 * `npm run demo:traffic`: real prompts (from data/routing/routeprofile.jsonl and a few everyday
 * questions) sent through the running gateway with the official `openai` client, so a fresh
 * install has real traffic to look at.
 *   --url http://localhost:3000/api/v1   where the gateway is (default: PORT or 3000)
 *   --key fd_…                           an API key (default: FRONTDESK_API_KEY, else one is created)
 *   --count 200 --concurrency 4          how much
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import OpenAI from "openai";
import { withCliDatabase } from "../lib/cli/cli-database";
import { parseFlags } from "../lib/cli/args";

const EVERYDAY = [
  "What are your opening hours?",
  "How do I reset my password?",
  "Thanks, that worked!",
  "Can you summarize our refund policy in one sentence?",
  "I was charged twice for my card and nobody answers my emails. This is unacceptable, fix it now.",
  "Compare PostgreSQL and MySQL for a write-heavy workload, step by step, and recommend one.",
  "Write a Python function that merges overlapping intervals, with tests.",
];

function prompts(): string[] {
  const file = path.resolve(import.meta.dirname, "../data/routing/routeprofile.jsonl");
  const rows = readFileSync(file, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as { prompt?: string });
  return [...rows.map((r) => r.prompt).filter((p): p is string => !!p && p.length < 6000), ...EVERYDAY];
}

async function apiKey(given: string | undefined): Promise<string> {
  if (given) return given;
  const { createApiKey } = await import("../lib/auth/manage-api-keys");
  const { key } = await withCliDatabase(() => createApiKey({ id: null, email: "demo-traffic" }, { name: `demo-traffic ${new Date().toISOString().slice(0, 16)}` }));
  await new Promise((r) => setTimeout(r, 300)); // the gateway reloads its key table on the change notice
  return key;
}

/** Fails with what went wrong and how to point the script elsewhere when no gateway answers at `baseURL`. */
async function checkGateway(baseURL: string) {
  const how = "Start it with `npm start`, or point this at it: `npm run demo:traffic -- --url http://localhost:<port>/api/v1` (or set PORT as for npm start).";
  try {
    const response = await fetch(`${baseURL}/models`, { signal: AbortSignal.timeout(5_000) });
    if (response.status === 404) throw new Error(`${baseURL} answers, but is not a Frontdesk gateway (404 on /models). ${how}`);
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    if (cause === "ECONNREFUSED") throw new Error(`no gateway at ${baseURL}: connection refused. ${how}`);
    if ((error as Error).name === "TimeoutError") throw new Error(`no answer from ${baseURL} within 5 s. ${how}`);
    if (cause) throw new Error(`cannot reach ${baseURL} (${cause}). ${how}`);
    throw error;
  }
}

async function main() {
  const values = parseFlags(process.argv.slice(2), { url: { type: "string" }, key: { type: "string" }, count: { type: "string" }, concurrency: { type: "string" } });
  const baseURL = values.url ?? `http://localhost:${process.env.PORT ?? 3000}/api/v1`;
  await checkGateway(baseURL);
  const count = Number(values.count ?? 200);
  const concurrency = Number(values.concurrency ?? 4);
  const client = new OpenAI({ apiKey: await apiKey(values.key ?? process.env.FRONTDESK_API_KEY), baseURL, maxRetries: 0 });
  const pool = prompts();
  const byTier = new Map<string, number>();
  let errors = 0;
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const content = pool[Math.floor(Math.random() * pool.length)]!;
      try {
        const { response } = await client.chat.completions
          .create({ model: "frontdesk/auto", messages: [{ role: "user", content }], ...(i % 4 === 0 ? { user: `demo-user-${i % 10}` } : {}) })
          .withResponse();
        const tier = `${response.headers.get("x-frontdesk-tier")} (${response.headers.get("x-frontdesk-stage")})`;
        byTier.set(tier, (byTier.get(tier) ?? 0) + 1);
      } catch (error) {
        errors++;
        const cause = (error as { cause?: { code?: string } }).cause?.code;
        if (errors <= 3) console.error(`request failed: ${(error as Error).message}${cause ? ` (${cause})` : ""}`);
      }
      if ((i + 1) % 25 === 0) process.stderr.write(`  ${i + 1}/${count}\n`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  console.log(`sent ${count} requests to ${baseURL}: ${errors} failed`);
  for (const [tier, n] of [...byTier].sort((a, b) => b[1] - a[1])) console.log(`  ${tier.padEnd(28)} ${n}`);
}

main().catch((error) => {
  console.error(`demo:traffic: ${(error as Error).message}`);
  process.exit(1);
});
