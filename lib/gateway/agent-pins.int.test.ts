import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { applyConfig } from "../config/apply-config";
import { runCli, spawnGateway, type GatewayProcess } from "../testing/spawn-gateway";
import type { UpstreamServer } from "../testing/upstreams/http-helpers";
import { startOpenAiUpstream } from "../testing/upstreams/openai-upstream";

// Agent loops keep their tier across gateway instances: the steps of one conversation (no session
// header) are pinned by their opening messages; once a step escalates, the next starts there (a
// rule matching the latest message still wins over a pin, as for sessions) —
// on another instance too when both share REDIS_URL; an instance without it decides afresh.

const databaseUrl = inject("databaseUrl");
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
let upstream: UpstreamServer;
const shared: GatewayProcess[] = [];
let alone: GatewayProcess;
let key: string;

beforeAll(async () => {
  upstream = await startOpenAiUpstream();
  await applyConfig(
    {
      tiers: [
        { name: "unsure", provider: "openai", baseUrl: `${upstream.url}/v1`, model: "unsure-model+lowconf" },
        { name: "top", provider: "openai", baseUrl: `${upstream.url}/v1`, model: "top-model" },
      ],
      policies: [{ name: "default", tiers: ["unsure", "top"], rules: [{ name: "trips", match: { keywords: ["plan a trip"] }, tier: "unsure" }] }],
    },
    { prune: true, actor: { id: null, email: "test" }, can: () => true },
  );
  key = (await runCli(["keys", "create", "--name", "agent-pins"], databaseUrl)).trim();
  [shared[0], shared[1], alone] = await Promise.all([spawnGateway(databaseUrl, { REDIS_URL }), spawnGateway(databaseUrl, { REDIS_URL }), spawnGateway(databaseUrl)]);
}, 60_000);

afterAll(async () => {
  await Promise.all([...shared, alone].filter(Boolean).map((i) => i.stop()));
  await upstream?.close();
});

async function step(instance: GatewayProcess, messages: Array<{ role: string; content: string }>) {
  const since = upstream.requests.length;
  const res = await fetch(`${instance.url}/api/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "frontdesk/auto", messages }),
  });
  expect(res.status).toBe(200);
  await res.json();
  const models = upstream.requests.slice(since).map((r) => (r.body as { model: string }).model);
  return { tier: res.headers.get("x-frontdesk-tier"), stage: res.headers.get("x-frontdesk-stage"), models };
}

describe("an agent loop", () => {
  it("starts its next step on the tier its last step escalated to, on another instance sharing Redis", async () => {
    const opening = [{ role: "system", content: "You plan trips." }, { role: "user", content: `Plan a trip ${Date.now()}` }];
    const first = await step(shared[0]!, opening);
    expect(first).toEqual({ tier: "top", stage: "escalation", models: ["unsure-model+lowconf", "top-model"] });
    const next = [...opening, { role: "assistant", content: "Where to?" }, { role: "user", content: "Lisbon" }];
    expect(await step(shared[1]!, next)).toEqual({ tier: "top", stage: "pinned", models: ["top-model"] });
    // an instance without the shared store has no pin for it: it decides afresh (the latest message, "Lisbon", matches no rule)
    expect((await step(alone, next)).stage).not.toBe("pinned");
  });

  it("does not pin a separate request that only starts the same way", async () => {
    const opening = [{ role: "user", content: `Plan a trip, fresh ${Date.now()}` }];
    expect((await step(shared[0]!, opening)).stage).toBe("escalation");
    expect((await step(shared[1]!, opening)).stage).toBe("escalation");
  });
});
