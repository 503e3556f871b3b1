import { randomUUID } from "node:crypto";
import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createApiKey } from "../auth/manage-api-keys";
import { applyConfig } from "../config/apply-config";
import { spawnGateway, type GatewayProcess } from "../testing/spawn-gateway";
import { spawnRedis, type RedisProcess } from "../testing/spawn-redis";
import type { UpstreamServer } from "../testing/upstreams/http-helpers";
import { startOpenAiUpstream } from "../testing/upstreams/openai-upstream";

// Three gateway instances behind one Redis (their own redis-server, so it can be killed under
// load without touching the machine's): rate limits, pins and circuit breakers are shared, and
// losing Redis fails no request.

const databaseUrl = inject("databaseUrl");
const ACTOR = { id: null, email: "test" };
let upstream: UpstreamServer;
let redis: RedisProcess;
let instances: GatewayProcess[] = [];
const prefix = `test-${randomUUID()}:`;

beforeAll(async () => {
  upstream = await startOpenAiUpstream();
  redis = await spawnRedis();
  await applyConfig(
    {
      tiers: [
        { name: "fast", provider: "openai", baseUrl: `${upstream.url}/v1`, model: "small-model" },
        { name: "capable", provider: "openai", baseUrl: `${upstream.url}/v1`, model: "large-model" },
        { name: "broken", provider: "openai", baseUrl: `${upstream.url}/v1`, model: "broken-model+status=500" },
        // $1,000 per million tokens: a request reserves ~$1 (its prompt + 1,024 expected output tokens)
        { name: "pricey", provider: "openai", baseUrl: `${upstream.url}/v1`, model: "pricey-model+delay=3000", inputUsdPerMTok: 1000, outputUsdPerMTok: 1000 },
      ],
      policies: [
        { name: "default", tiers: ["fast", "capable"], rules: [{ name: "hard", match: { keywords: ["hard question"] }, tier: "capable" }] },
        { name: "flaky", tiers: ["broken", "capable"], rules: [{ name: "all", match: { keywords: ["flaky"] }, tier: "broken" }] },
      ],
      defaultPolicy: "default",
    },
    { prune: true, actor: ACTOR, can: () => true },
  );
  // a command timeout above the default 50 ms: this machine's two cores are shared with other test runs,
  // and a call that times out falls back to the instance's own state (which would make the sharing checks flaky)
  const env = { REDIS_URL: redis.url, REDIS_KEY_PREFIX: prefix, REDIS_COMMAND_TIMEOUT_MS: "500" };
  instances = await Promise.all([spawnGateway(databaseUrl, env), spawnGateway(databaseUrl, env), spawnGateway(databaseUrl, env)]);
}, 60_000);

afterAll(async () => {
  await Promise.all(instances.map((i) => i.stop()));
  await redis?.stop();
  await upstream?.close();
});

/** A new key, once every instance knows it (keys reach instances through a config reload). */
async function newKey(rateLimitPerMinute: number | null, monthlyBudgetUsd: number | null = null, among = instances): Promise<{ key: string; id: string }> {
  const { key, apiKey } = await createApiKey(ACTOR, { name: `three-${randomUUID()}`, rateLimitPerMinute, monthlyBudgetUsd });
  const known = (i: GatewayProcess) => fetch(`${i.url}/api/v1/models`, { headers: { authorization: `Bearer ${key}` } }).then((r) => r.status === 200);
  for (let n = 0; n < 200 && !(await Promise.all(among.map(known))).every(Boolean); n++) await new Promise((r) => setTimeout(r, 20));
  return { key, id: apiKey.id };
}

function post(instance: GatewayProcess, path: string, key: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${instance.url}/api/v1/${path}`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
}

const say = (content: string, model = "frontdesk/auto") => ({ model, messages: [{ role: "user", content }] });

async function ready(instance: GatewayProcess) {
  const res = await fetch(`${instance.url}/api/health/ready`);
  return { status: res.status, body: (await res.json()) as { ready: boolean; redis: { shared: boolean; up: boolean } } };
}

describe("three gateway instances sharing Redis", () => {
  it("are live and ready, with the shared state up", async () => {
    for (const instance of instances) {
      expect((await fetch(`${instance.url}/api/health/live`)).status).toBe(200);
      expect(await ready(instance)).toMatchObject({ status: 200, body: { ready: true, redis: { shared: true, up: true } } });
      expect((await fetch(`${instance.url}/api/health`)).status).toBe(200);
    }
  });

  it("refuse the 11th request in the minute of a key limited to 10, whichever instance serves it", async () => {
    const { key } = await newKey(10);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await post(instances[i % 3]!, "route", key, say(`request ${i}`))).status);
    expect(statuses).toEqual(Array(10).fill(200));
    for (const instance of instances) {
      const refused = await post(instance, "route", key, say("one more"));
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    }
  });

  it("honour on every instance a session pin made through one", async () => {
    const { key } = await newKey(null);
    const session = { "x-frontdesk-session": `s-${randomUUID()}` };
    const first = await post(instances[0]!, "chat/completions", key, say("a hard question about proofs"), session);
    expect(first.headers.get("x-frontdesk-tier")).toBe("capable");
    for (const instance of instances.slice(1)) {
      const next = await post(instance, "chat/completions", key, say("thanks!"), session);
      expect([next.headers.get("x-frontdesk-tier"), next.headers.get("x-frontdesk-stage")]).toEqual(["capable", "pinned"]);
    }
    // without the session the same message is decided afresh
    expect((await post(instances[2]!, "chat/completions", key, say("thanks!"))).headers.get("x-frontdesk-tier")).toBe("fast");
  });

  it("open a breaker on all within a second once one instance opened it", async () => {
    const { key } = await newKey(null);
    const routed = async (i: GatewayProcess) => ((await (await post(i, "route", key, say("flaky work", "frontdesk/flaky"))).json()) as { tier: string }).tier;
    expect(await Promise.all(instances.map(routed))).toEqual(["broken", "broken", "broken"]);
    // five failures in a row open the breaker on instance 0 (each request falls back to capable)
    for (let i = 0; i < 5; i++) expect((await post(instances[0]!, "chat/completions", key, say(`flaky ${i}`, "frontdesk/flaky"))).status).toBe(200);
    const openedAt = performance.now();
    expect(await routed(instances[0]!)).toBe("capable");
    const seenAfter = await Promise.all(
      instances.slice(1).map(async (instance) => {
        while (performance.now() - openedAt < 5_000) {
          if ((await routed(instance)) === "capable") return performance.now() - openedAt;
          await new Promise((r) => setTimeout(r, 10));
        }
        return Infinity;
      }),
    );
    console.log(`breaker open on the other instances after ${seenAfter.map((ms) => `${ms.toFixed(0)} ms`).join(" and ")}`);
    for (const ms of seenAfter) expect(ms).toBeLessThan(1_000);
  });

  it("count a request in flight on one instance against the key's budget on the others", async () => {
    const { key, id } = await newKey(null, 1);
    const inFlight = post(instances[0]!, "chat/completions", key, say("an expensive question", "pricey"));
    // decided and its cost reserved in Redis (the upstream answers after 3 s)
    const probe = new Redis(redis.url);
    const reserved = `${prefix}budget:${new Date().toISOString().slice(0, 7)}:${id}:reserved`;
    for (let n = 0; n < 100 && !(await probe.hlen(reserved)); n++) await new Promise((r) => setTimeout(r, 20));
    await probe.quit();
    const refused = await post(instances[1]!, "chat/completions", key, say("another one", "pricey"));
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("budget_exceeded");
    expect((await inFlight).status).toBe(200);
    // settled at its actual cost (a few cents) and its reservation released: the instance that refused has room again
    expect((await post(instances[1]!, "chat/completions", key, say("and now?", "pricey"))).status).toBe(200);
  });

  it("fail no request when Redis is killed under load, and share state again once it is back", async () => {
    const { key } = await newKey(100_000); // rate-limited: every request runs the shared limit (or its fallback)
    const statuses = new Map<number, number>();
    let running = true;
    let sent = 0;
    const loop = async (worker: number) => {
      for (let n = 0; running; n++) {
        const instance = instances[(worker + n) % 3]!;
        const headers = { "x-frontdesk-session": `load-${worker}` };
        const res = await post(instance, "chat/completions", key, say(`load ${worker} ${n}`), headers).catch(() => null);
        const status = res?.status ?? 0;
        await res?.arrayBuffer();
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        sent++;
      }
    };
    const load = Promise.all([0, 1, 2, 3].map(loop));
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    await pause(500);
    await redis.kill();
    const atKill = sent;
    await pause(1_500);
    const duringOutage = sent - atKill;
    const seenDown = await Promise.all(instances.map(ready));
    await redis.restart();
    await pause(1_500);
    running = false;
    await load;
    console.log(`requests under load: ${[...statuses].map(([s, n]) => `${n} × ${s}`).join(", ")}; ${duringOutage} while Redis was down`);
    expect([...statuses.keys()]).toEqual([200]);
    expect(duringOutage).toBeGreaterThan(0);
    for (const r of seenDown) expect(r).toMatchObject({ status: 200, body: { ready: true, redis: { shared: true, up: false } } });

    // rejoined: the shared state is up again and a limit holds across instances once more
    for (const instance of instances) {
      for (let n = 0; n < 100 && !(await ready(instance)).body.redis.up; n++) await pause(20);
      expect((await ready(instance)).body.redis.up).toBe(true);
    }
    const { key: limited } = await newKey(3);
    const after = [];
    for (let i = 0; i < 4; i++) after.push((await post(instances[i % 3]!, "route", limited, say(`again ${i}`))).status);
    expect(after).toEqual([200, 200, 200, 429]);
  });

  it("start, serve and stop with their Redis unreachable from the start", async () => {
    const { key } = await newKey(2, null, []); // before the instance starts: it loads every key at start
    const orphan = await spawnGateway(databaseUrl, { REDIS_URL: "redis://127.0.0.1:1" });
    try {
      const r = await ready(orphan);
      expect(r).toMatchObject({ status: 200, body: { ready: true, status: "degraded", redis: { shared: true, up: false } } });
      // the instance's own bucket limits the key meanwhile
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await post(orphan, "route", key, say(`alone ${i}`))).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      expect(await orphan.stop()).toBe(0);
    }
  });
});
