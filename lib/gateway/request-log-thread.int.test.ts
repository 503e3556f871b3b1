import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { applyConfig } from "../config/apply-config";
import { pgPool } from "../db/pg-pool";
import { runCli, spawnGateway, type GatewayProcess } from "../testing/spawn-gateway";
import type { UpstreamServer } from "../testing/upstreams/http-helpers";
import { startOpenAiUpstream } from "../testing/upstreams/openai-upstream";

// `npm run gateway` writes its request log from a worker thread (request-log-sink.ts); with
// REQUEST_LOG_THREAD=false, from its main thread. Either way every answered request is logged,
// also those answered just before a SIGTERM.

const databaseUrl = inject("databaseUrl");
let upstream: UpstreamServer;
const keys: Record<"thread" | "main", string> = { thread: "", main: "" };

beforeAll(async () => {
  upstream = await startOpenAiUpstream();
  await applyConfig(
    {
      tiers: [{ name: "log-thread-fast", provider: "openai", baseUrl: `${upstream.url}/v1`, model: "small-model" }],
      policies: [{ name: "log-thread-policy", tiers: ["log-thread-fast"] }],
    },
    { prune: false, actor: { id: null, email: "test" }, can: () => true },
  );
  for (const mode of ["thread", "main"] as const) keys[mode] = (await runCli(["keys", "create", "--name", `log-${mode}`, "--policy", "log-thread-policy"], databaseUrl)).trim();
}, 60_000);

afterAll(async () => {
  await upstream?.close();
});

const chat = (gateway: GatewayProcess, key: string, i: number) =>
  fetch(`${gateway.url}/api/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "frontdesk/auto", messages: [{ role: "user", content: `log thread question ${i}` }] }),
  }).then((res) => res.status);

const loggedRows = async (name: string) =>
  Number((await pgPool().query(`SELECT count(*) AS n FROM "RequestLog" l JOIN "ApiKey" k ON k.id = l."apiKeyId" WHERE k.name = $1`, [name])).rows[0].n);

const writtenMetric = async (gateway: GatewayProcess) => {
  const text = await (await fetch(`${gateway.url}/metrics`)).text();
  return Number(/^frontdesk_request_log_written_rows_total (\d+)/m.exec(text)?.[1] ?? NaN);
};

describe("the request log of npm run gateway", () => {
  for (const mode of ["thread", "main"] as const) {
    it(`${mode === "thread" ? "from its worker thread" : "with REQUEST_LOG_THREAD=false, from the main thread"}: every answer is logged and counted, also those answered just before SIGTERM`, async () => {
      const gateway = await spawnGateway(databaseUrl, mode === "main" ? { REQUEST_LOG_THREAD: "false" } : {});
      try {
        const ready = await (await fetch(`${gateway.url}/api/health/ready`)).json();
        expect(ready.requestLog).toEqual({ writer: mode === "thread" ? "thread" : "main-thread", queued: 0, dropped: 0 });
        const first = await Promise.all(Array.from({ length: 30 }, (_, i) => chat(gateway, keys[mode], i)));
        expect(first).toEqual(Array(30).fill(200));
        // the thread's numbers reach /metrics within its report interval
        let written = NaN;
        for (let i = 0; i < 100 && !(written >= 30); i++) {
          written = await writtenMetric(gateway);
          if (!(written >= 30)) await new Promise((r) => setTimeout(r, 50));
        }
        expect(written).toBe(30);
        expect(await loggedRows(`log-${mode}`)).toBe(30);

        const last = await Promise.all(Array.from({ length: 10 }, (_, i) => chat(gateway, keys[mode], 30 + i)));
        expect(last).toEqual(Array(10).fill(200));
      } finally {
        expect(await gateway.stop()).toBe(0);
      }
      expect(gateway.output()).toContain("request log flushed: 40 written, 0 dropped");
      expect(await loggedRows(`log-${mode}`)).toBe(40);
    }, 60_000);
  }
});
