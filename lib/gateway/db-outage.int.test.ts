import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../db/embedded-postgres";
import { migrate } from "../db/migrate";
import { runCli, spawnGateway } from "../testing/spawn-gateway";
import { startOpenAiUpstream } from "../testing/upstreams/openai-upstream";

const dir = mkdtempSync(path.join(os.tmpdir(), "frontdesk-outage-"));
let server: EmbeddedPostgres | null = null;
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function countRows(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query(`SELECT count(*) AS n FROM "RequestLog"`)).rows[0].n);
  } finally {
    await client.end();
  }
}

describe("the database goes away under load", () => {
  it("keeps routing for 10 s without Postgres and loses no request-log row", async () => {
    server = await startEmbeddedPostgres({ dataDir: dir, database: "outage" });
    const url = server.url;
    await migrate(url);
    const upstream = await startOpenAiUpstream({ record: false });
    const configFile = path.join(dir, "config.json");
    writeFileSync(configFile, JSON.stringify({ tiers: [{ name: "fast", provider: "openai", baseUrl: `${upstream.url}/v1`, model: "small-model" }], policies: [{ name: "default", tiers: ["fast"] }] }));
    await runCli(["config", "apply", configFile], url);
    const key = (await runCli(["keys", "create", "--name", "load"], url)).trim();
    const gateway = await spawnGateway(url);

    let ok = 0;
    let failed = 0;
    let running = true;
    const worker = async () => {
      while (running) {
        const res = await fetch(`${gateway.url}/api/v1/chat/completions`, {
          method: "POST",
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          body: JSON.stringify({ model: "frontdesk/auto", messages: [{ role: "user", content: "hello" }] }),
        }).catch(() => null);
        if (res?.status === 200) ok++;
        else failed++;
        await res?.arrayBuffer();
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, worker));
    await new Promise((r) => setTimeout(r, 1_500));
    await server.stop();
    const okBeforeOutage = ok;
    await new Promise((r) => setTimeout(r, 10_000));
    const okDuringOutage = ok - okBeforeOutage;
    server = await startEmbeddedPostgres({ dataDir: dir, database: "outage" });
    await new Promise((r) => setTimeout(r, 1_500));
    running = false;
    await load;

    let rows = 0;
    for (let i = 0; i < 120 && rows < ok; i++) {
      rows = await countRows(url);
      if (rows < ok) await new Promise((r) => setTimeout(r, 250));
    }
    await gateway.stop();
    await upstream.close();
    console.log(`${ok} requests served (${okDuringOutage} while Postgres was down), ${failed} failed, ${rows} log rows`);
    // the gateway's own account of the outage, shown when it did not ride it out
    const why = `gateway output:\n${gateway.output().slice(-4000)}`;
    expect(failed, why).toBe(0);
    expect(okDuringOutage).toBeGreaterThan(100);
    expect(rows, why).toBe(ok);
    expect(gateway.output()).toMatch(/request log write failed/);
  }, 90_000);
});
