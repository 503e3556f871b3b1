import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as applyRoute } from "../../app/api/admin/config/route";
import { GET as historyRoute } from "../../app/api/admin/policies/[name]/history/route";
import { GET as projectionRoute } from "../../app/api/admin/policies/[name]/projection/route";
import { GET as getRoute, PATCH as patchRoute } from "../../app/api/admin/policies/[name]/route";
import { PUT as putRules } from "../../app/api/admin/policies/[name]/rules/route";
import { POST as signInRoute } from "../../app/api/auth/sign-in/route";
import type { Role } from "../auth/permissions";
import { listAudit } from "../db/audit-repo";
import { db } from "../db/prisma";
import { policySchema, tierSchema } from "../routing/config-schema";
import { projectBias } from "../routing/project-bias";
import { cookieFrom, jsonRequest, makeUser, routeParams } from "../testing/requests";
import { loadGatewayConfig } from "./load-gateway-config";

async function cookieOf(role: Role) {
  const user = await makeUser(role);
  return cookieFrom(await signInRoute(jsonRequest("POST", "/api/auth/sign-in", { body: { email: user.email, password: user.password } })));
}

const POLICY = "pp-policy";
const get = (cookie: string, name = POLICY) => getRoute(jsonRequest("GET", `/api/admin/policies/${name}`, { cookie }), routeParams({ name }));
const patch = (body: unknown, cookie: string) => patchRoute(jsonRequest("PATCH", `/api/admin/policies/${POLICY}`, { body, cookie }), routeParams({ name: POLICY }));
const projection = async (cookie: string, name = POLICY) => projectionRoute(jsonRequest("GET", `/api/admin/policies/${name}/projection`, { cookie }), routeParams({ name }));

let owner: string;
let ops: string;

beforeAll(async () => {
  owner = await cookieOf("owner");
  ops = await cookieOf("ops");
  const config = {
    tiers: [
      // Named after models in data/routing/routeprofile.jsonl, like the demo tiers.
      { name: "pp-fast", provider: "simulated", model: "llama-3.2-3b-instruct", inputUsdPerMTok: 0.06, outputUsdPerMTok: 0.06, apiKey: "sk-pp-secret-9999" },
      { name: "pp-capable", provider: "simulated", model: "llama-3.3-70b-instruct", inputUsdPerMTok: 0.88, outputUsdPerMTok: 0.88 },
      { name: "pp-imp-a", provider: "simulated", model: "imported-small", inputUsdPerMTok: 0.1, outputUsdPerMTok: 0.1 },
      { name: "pp-imp-b", provider: "simulated", model: "imported-large", inputUsdPerMTok: 1, outputUsdPerMTok: 1 },
      { name: "pp-none-a", provider: "simulated", model: "nobody-small" },
      { name: "pp-none-b", provider: "simulated", model: "nobody-large" },
    ],
    policies: [
      { name: POLICY, tiers: ["pp-fast", "pp-capable"] },
      { name: "pp-imported", tiers: ["pp-imp-a", "pp-imp-b"] },
      { name: "pp-empty", tiers: ["pp-none-a", "pp-none-b"] },
    ],
  };
  // Creating policies is for owners and admins (config-permissions.ts).
  expect((await applyRoute(jsonRequest("POST", "/api/admin/config", { body: config, cookie: await cookieOf("admin") }))).status).toBe(200);
});

describe("policies admin API", () => {
  it("shows the policy with its tiers and classifier, never a credential", async () => {
    const res = await get(owner);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain("sk-pp-secret");
    const detail = JSON.parse(text);
    expect(detail).toMatchObject({ policy: { name: POLICY, bias: 0.5, fallback: "quality-first" }, classifier: { kind: "heuristic" }, ruleCount: 0 });
    expect(detail.tiers.map((t: { name: string }) => t.name)).toEqual(["pp-fast", "pp-capable"]);
    expect(detail.tiers[0]).not.toHaveProperty("apiKey");
    expect((await get(owner, "pp-missing")).status).toBe(404);
  });

  it("saves the bias with before/after in the audit log and the history, and the gateway snapshot follows", async () => {
    const res = await patch({ bias: 0.8 }, owner);
    expect(res.status).toBe(200);
    expect((await res.json()).policy.bias).toBe(0.8);
    const [entry] = await listAudit({ targetType: "policy", targetId: POLICY });
    expect(entry).toMatchObject({ action: "policy.bias_change", before: { bias: 0.5 }, after: { bias: 0.8 } });
    const history = await (await historyRoute(jsonRequest("GET", `/api/admin/policies/${POLICY}/history`, { cookie: owner }), routeParams({ name: POLICY }))).json();
    expect(history.entries[0]).toMatchObject({ action: "policy.bias_change", before: { bias: 0.5 }, after: { bias: 0.8 }, actor: expect.stringMatching(/^owner-/) });
    expect(typeof history.entries[0].id).toBe("string");
    expect((await loadGatewayConfig()).snapshot.policies.get(POLICY)!.bias).toBe(0.8);
  });

  it("merges nested settings key by key", async () => {
    const res = await patch({ escalation: { minConfidence: 0.7 }, hedging: { enabled: true, band: [0.2, 0.6] }, fallback: "cost-first", storePrompts: false }, owner);
    expect(res.status).toBe(200);
    const { policy } = await res.json();
    expect(policy.escalation).toMatchObject({ enabled: true, minConfidence: 0.7, maxSteps: 1 });
    expect(policy.hedging).toEqual({ enabled: true, band: [0.2, 0.6], delayMs: 1500 });
    expect(policy).toMatchObject({ fallback: "cost-first", storePrompts: false, bias: 0.8 });
    const [entry] = await listAudit({ targetType: "policy", targetId: POLICY });
    expect(entry).toMatchObject({ action: "policy.update", before: { fallback: "quality-first", storePrompts: true }, after: { fallback: "cost-first", storePrompts: false } });
  });

  it("refuses invalid settings with field paths and changes nothing", async () => {
    const before = await (await get(owner)).json();
    const res = await patch({ bias: 1.5, hedging: { band: [0.8, 0.2] }, escalation: { maxSteps: 0 } }, owner);
    expect(res.status).toBe(400);
    const paths = (await res.json()).error.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual(["bias", "escalation.maxSteps", "hedging.band"]);
    expect((await patch({ tiers: ["pp-fast"] }, owner)).status).toBe(400);
    expect((await patch({}, owner)).status).toBe(400);
    const shadow = await patch({ shadow: { enabled: true, judgeTier: "no-such-tier" } }, owner);
    expect(shadow.status).toBe(400);
    expect((await shadow.json()).error.issues).toEqual([{ path: "shadow.judgeTier", message: 'unknown tier "no-such-tier"' }]);
    expect(await (await get(owner)).json()).toEqual(before);
  });

  it("projects from the shipped outcomes: rows scored by the current classifier, covering the policy's models", async () => {
    const res = await projection(owner);
    expect(res.status).toBe(200);
    const sample = await res.json();
    expect(sample).toMatchObject({ policy: POLICY, models: ["llama-3.2-3b-instruct", "llama-3.3-70b-instruct"], classifier: { kind: "heuristic" }, emptyReason: null });
    expect(sample.sources).toContainEqual({ name: "routeprofile.jsonl (shipped)", rows: 600 });
    expect(sample.rows.length).toBe(600);
    for (const row of sample.rows.slice(0, 50)) {
      expect(row.p).toHaveLength(1);
      expect(row.p[0]).toBeGreaterThanOrEqual(0);
      expect(row.p[0]).toBeLessThanOrEqual(1);
      expect(row.score).toHaveLength(2);
      expect(row.promptTokens).toBeGreaterThan(0);
      expect(row.ruleTier).toBeNull();
    }
    const { policy, tiers } = await (await get(owner)).json();
    const parsedPolicy = policySchema.parse({ ...policy, rules: [] });
    const parsedTiers = tiers.map((t: unknown) => tierSchema.parse(t));
    const low = projectBias(sample.rows, parsedPolicy, parsedTiers, 0);
    const high = projectBias(sample.rows, parsedPolicy, parsedTiers, 1);
    expect(high.shares[1]).toBeGreaterThan(low.shares[1]!);
    expect(high.costPer1k).toBeGreaterThan(low.costPer1k);
  });

  it("marks rows a rule decides, so their tier does not move with the bias", async () => {
    const rule = { name: "math", match: { keywords: ["how many"] }, tier: "pp-fast" };
    expect((await putRules(jsonRequest("PUT", `/api/admin/policies/${POLICY}/rules`, { body: { rules: [rule] }, cookie: ops }), routeParams({ name: POLICY }))).status).toBe(200);
    const sample = await (await projection(owner)).json();
    expect(sample.ruleRows).toBeGreaterThan(0);
    expect(sample.rows.filter((r: { ruleTier: number | null }) => r.ruleTier === 0)).toHaveLength(sample.ruleRows);
  });

  it("uses imported datasets that cover the models, and explains an empty sample", async () => {
    const dataset = await db.dataset.create({ data: { name: "pp-imported-set", models: ["imported-small", "imported-large"], rowCount: 3 } });
    await db.datasetRow.createMany({
      data: [
        { datasetId: dataset.id, externalId: "a", prompt: "What time do you open?", outcomes: { "imported-small": { score: 1 }, "imported-large": { score: 1 } } },
        { datasetId: dataset.id, externalId: "b", prompt: "Explain the tax treatment of stock options in detail.", outcomes: { "imported-small": { score: 0 }, "imported-large": { score: 1 } } },
        { datasetId: dataset.id, externalId: "c", prompt: "Only one model here", outcomes: { "imported-small": { score: 1 } } },
      ],
    });
    const imported = await (await projection(owner, "pp-imported")).json();
    expect(imported.sources).toEqual([{ name: "pp-imported-set (imported)", rows: 2 }]);
    expect(imported.rows.map((r: { score: number[] }) => r.score)).toEqual([[1, 1], [0, 1]]);
    const empty = await (await projection(owner, "pp-empty")).json();
    expect(empty.rows).toEqual([]);
    expect(empty.emptyReason).toMatch(/nobody-small, nobody-large/);

    // a request that is both in an imported dataset and in a shipped file counts once
    const shipped = readFileSync("data/routing/routeprofile.jsonl", "utf8").split("\n").slice(0, 2).map((l) => JSON.parse(l) as { id: string; prompt: string; outcomes: object });
    const dup = await db.dataset.create({ data: { name: "pp-dup-set", models: ["llama-3.2-3b-instruct", "llama-3.3-70b-instruct"], rowCount: 2 } });
    try {
      await db.datasetRow.createMany({ data: shipped.map((r) => ({ datasetId: dup.id, externalId: r.id, prompt: r.prompt, outcomes: r.outcomes })) });
      const sample = await (await projection(owner)).json();
      expect(sample.rows).toHaveLength(600);
      expect(sample.sources).toEqual(expect.arrayContaining([{ name: "pp-dup-set (imported)", rows: 2 }, { name: "routeprofile.jsonl (shipped)", rows: 598 }]));
    } finally {
      await db.dataset.delete({ where: { id: dup.id } });
    }
  });

  it("refuses ops and reviewers (403) on every policies route", async () => {
    const reviewer = await cookieOf("reviewer");
    for (const cookie of [ops, reviewer]) {
      expect((await get(cookie)).status).toBe(403);
      expect((await patch({ bias: 0.1 }, cookie)).status).toBe(403);
      expect((await projection(cookie)).status).toBe(403);
      expect((await historyRoute(jsonRequest("GET", `/api/admin/policies/${POLICY}/history`, { cookie }), routeParams({ name: POLICY }))).status).toBe(403);
    }
    expect((await (await get(owner)).json()).policy.bias).toBe(0.8);
  });
});
