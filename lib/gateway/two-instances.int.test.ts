import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startOpenAiUpstream } from "../testing/upstreams/openai-upstream";
import type { UpstreamServer } from "../testing/upstreams/http-helpers";
import { runCli, spawnGateway, type GatewayProcess } from "../testing/spawn-gateway";
import { applyConfig } from "../config/apply-config";

const databaseUrl = inject("databaseUrl");
let upstream: UpstreamServer;
let instances: GatewayProcess[] = [];
let key: string;

const config = (ruleTier: string) => ({
  tiers: [
    { name: "fast", provider: "openai", baseUrl: `${upstream.url}/v1`, model: "small-model" },
    { name: "capable", provider: "openai", baseUrl: `${upstream.url}/v1`, model: "large-model" },
  ],
  policies: [{ name: "default", tiers: ["fast", "capable"], rules: [{ name: "magic", match: { keywords: ["magic word"] }, tier: ruleTier }] }],
});

beforeAll(async () => {
  upstream = await startOpenAiUpstream();
  await applyConfig(config("fast"), { prune: true, actor: { id: null, email: "test" }, can: () => true });
  key = (await runCli(["keys", "create", "--name", "two-instances"], databaseUrl)).trim();
  instances = await Promise.all([spawnGateway(databaseUrl), spawnGateway(databaseUrl)]);
}, 60_000);

afterAll(async () => {
  await Promise.all(instances.map((i) => i.stop()));
  await upstream?.close();
});

async function routedTier(instance: GatewayProcess): Promise<string> {
  const res = await fetch(`${instance.url}/api/v1/route`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "frontdesk/auto", messages: [{ role: "user", content: "the magic word, please" }] }),
  });
  return (await res.json()).tier;
}

describe("several gateway instances on one Postgres", () => {
  it("both serve requests and a config change reaches both within a second", async () => {
    expect(await Promise.all(instances.map(routedTier))).toEqual(["fast", "fast"]);
    const changedAt = performance.now();
    await applyConfig(config("capable"), { prune: true, actor: { id: null, email: "test" }, can: () => true });
    const seenAfter: number[] = [];
    await Promise.all(
      instances.map(async (instance, i) => {
        while (performance.now() - changedAt < 5_000) {
          if ((await routedTier(instance)) === "capable") return void (seenAfter[i] = performance.now() - changedAt);
          await new Promise((r) => setTimeout(r, 10));
        }
      }),
    );
    console.log(`config change visible after ${seenAfter.map((ms) => `${ms.toFixed(0)} ms`).join(" and ")}`);
    expect(seenAfter).toHaveLength(2);
    for (const ms of seenAfter) expect(ms).toBeLessThan(1_000);
  });

  it("a key revoked on one side stops working on every instance", async () => {
    const extra = (await runCli(["keys", "create", "--name", "to-revoke"], databaseUrl)).trim();
    const call = (instance: GatewayProcess) =>
      fetch(`${instance.url}/api/v1/models`, { headers: { authorization: `Bearer ${extra}` } }).then((r) => r.status);
    for (let i = 0; i < 100 && (await Promise.all(instances.map(call))).some((s) => s !== 200); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await Promise.all(instances.map(call))).toEqual([200, 200]);
    await runCli(["keys", "revoke", extra.slice(0, 11)], databaseUrl);
    for (let i = 0; i < 100 && (await Promise.all(instances.map(call))).some((s) => s !== 401); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await Promise.all(instances.map(call))).toEqual([401, 401]);
  });
});
