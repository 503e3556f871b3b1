import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute, POST as createRoute } from "../../app/api/admin/keys/route";
import { PATCH as patchRoute } from "../../app/api/admin/keys/[id]/route";
import { GET as policiesRoute } from "../../app/api/admin/policies/route";
import { db } from "../db/prisma";
import { gatewayRuntime } from "../gateway/gateway-runtime";
import { uuidv7 } from "../gateway/uuidv7";
import { flushRequestLog, startGatewayHarness, type Harness } from "../testing/gateway-harness";
import { signedIn } from "../testing/labeling-fixtures";
import { jsonRequest, routeParams } from "../testing/requests";

let h: Harness;
let admin: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  h = await startGatewayHarness(({ openai }) => ({
    tiers: [
      { name: "kp-fast", provider: "openai", baseUrl: openai, model: "small-model", inputUsdPerMTok: 0.06, outputUsdPerMTok: 0.06 },
      { name: "kp-capable", provider: "openai", baseUrl: openai, model: "large-model", inputUsdPerMTok: 10, outputUsdPerMTok: 30 },
    ],
    policies: [
      { name: "kp-default", tiers: ["kp-fast", "kp-capable"] },
      { name: "kp-other", tiers: ["kp-capable"] },
    ],
    defaultPolicy: "kp-default",
  }));
  admin = await signedIn("admin");
});

afterAll(async () => h?.close());

const create = (body: unknown, cookie = admin.cookie) => createRoute(jsonRequest("POST", "/api/admin/keys", { body, cookie }));
const patch = (id: string, body: unknown, cookie = admin.cookie) => patchRoute(jsonRequest("PATCH", `/api/admin/keys/${id}`, { body, cookie }), routeParams({ id }));
const list = async (query = "") => (await listRoute(jsonRequest("GET", `/api/admin/keys?${query}`, { cookie: admin.cookie }))).json();

/** What a gateway does on the config-change notification (the harness's runtime is not listening). */
const reloadGateway = () => gatewayRuntime().reload();
const modelsStatus = async (key: string) => (await fetch(`${h.url}/api/v1/models`, { headers: { authorization: `Bearer ${key}` } })).status;

describe("the API-keys page's API", () => {
  it("is for admins only: a reviewer gets 403 on every keys route", async () => {
    const reviewer = await signedIn("reviewer");
    const id = "0190f5c4-0000-7000-8000-000000000000";
    expect((await listRoute(jsonRequest("GET", "/api/admin/keys", { cookie: reviewer.cookie }))).status).toBe(403);
    expect((await create({ name: "x" }, reviewer.cookie)).status).toBe(403);
    expect((await patch(id, { revoked: true }, reviewer.cookie)).status).toBe(403);
  });

  it("lists policies with their tiers for every signed-in role, and nobody else", async () => {
    const reviewer = await signedIn("reviewer");
    const res = await policiesRoute(jsonRequest("GET", "/api/admin/policies", { cookie: reviewer.cookie }));
    expect(res.status).toBe(200);
    const { items } = await res.json();
    expect(items).toEqual(expect.arrayContaining([expect.objectContaining({ name: "kp-default", tiers: ["kp-fast", "kp-capable"] })]));
    expect((await policiesRoute(jsonRequest("GET", "/api/admin/policies"))).status).toBe(401);
  });

  it("validates edits: a bad budget or an unknown policy is a 400 that changes nothing", async () => {
    const { apiKey } = await (await create({ name: "edit-me", policy: "kp-default", monthlyBudgetUsd: 5 })).json();
    expect((await patch(apiKey.id, { monthlyBudgetUsd: -3 })).status).toBe(400);
    expect((await patch(apiKey.id, { policy: "nope" })).status).toBe(400);
    expect((await patch(apiKey.id, {})).status).toBe(400);
    const ok = await patch(apiKey.id, { policy: "kp-other", monthlyBudgetUsd: 12.5, overBudget: "downgrade" });
    expect(ok.status).toBe(200);
    expect((await ok.json()).apiKey).toMatchObject({ policy: { name: "kp-other" }, monthlyBudgetUsd: 12.5, overBudget: "downgrade" });
  });

  it("shows each key's month-to-date spend, counting only this month's requests", async () => {
    const { apiKey } = await (await create({ name: "spender", monthlyBudgetUsd: 10 })).json();
    const now = new Date();
    const thisMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1, 0, 0, 1));
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0, 23, 0, 0));
    for (const [createdAt, costUsd] of [[thisMonth, 1.25], [now, 2.5], [lastMonth, 100]] as const) {
      await db.requestLog.create({ data: { id: uuidv7(createdAt.getTime()), createdAt, apiKeyId: apiKey.id, stage: "rule", decision: {}, latency: {}, status: "ok", costUsd } });
    }
    const { items, monthStart } = await list("pageSize=100");
    expect(monthStart).toBe(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString());
    expect(items.find((k: { id: string }) => k.id === apiKey.id)).toMatchObject({ name: "spender", monthlyBudgetUsd: 10, monthToDateUsd: 3.75 });
    expect(items.find((k: { name: string }) => k.name === "edit-me")?.monthToDateUsd).toBe(0);
  });
});

describe("a key's life through the gateway", () => {
  it("is shown once, works, records when it was last used, and answers 401 once revoked", async () => {
    const res = await create({ name: "lifecycle", policy: "kp-default" });
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const { key, apiKey } = await res.json();
    expect(apiKey.lastUsedAt).toBeNull();
    const again = JSON.stringify(await list("revoked=1&pageSize=100"));
    expect(again).toContain(apiKey.prefix);
    expect(again).not.toContain(key);

    await reloadGateway();
    expect(await modelsStatus(key)).toBe(200);
    const client = new OpenAI({ apiKey: key, baseURL: `${h.url}/api/v1`, maxRetries: 0 });
    expect((await client.models.list()).data.map((m) => m.id)).toContain("kp-fast");
    await client.chat.completions.create({ model: "frontdesk/auto", messages: [{ role: "user", content: "What are your opening hours?" }] });
    await flushRequestLog();
    const used = (await db.apiKey.findUnique({ where: { id: apiKey.id } }))!.lastUsedAt;
    expect(used).not.toBeNull();
    expect(Date.now() - used!.getTime()).toBeLessThan(60_000);
    const listed = (await list("pageSize=100")).items.find((k: { id: string }) => k.id === apiKey.id);
    expect(listed.lastUsedAt).toBe(used!.toISOString());
    expect(listed.monthToDateUsd).toBeGreaterThan(0);

    expect((await patch(apiKey.id, { revoked: true })).status).toBe(200);
    await reloadGateway();
    expect(await modelsStatus(key)).toBe(401);
    await expect(client.chat.completions.create({ model: "frontdesk/auto", messages: [{ role: "user", content: "hi" }] })).rejects.toMatchObject({ status: 401 });
    expect((await list()).items.map((k: { id: string }) => k.id)).not.toContain(apiKey.id);
    expect((await list("revoked=1&pageSize=100")).items.find((k: { id: string }) => k.id === apiKey.id).revokedAt).not.toBeNull();
  });
});
