import { beforeAll, describe, expect, it } from "vitest";
import { DELETE as deleteRoute, PATCH as patchRoute } from "../../app/api/admin/tiers/[name]/route";
import { POST as testRoute } from "../../app/api/admin/tiers/[name]/test/route";
import { POST as reorderRoute } from "../../app/api/admin/tiers/reorder/route";
import { GET as listRoute, POST as createRoute } from "../../app/api/admin/tiers/route";
import { GET as exportRoute, POST as applyRoute } from "../../app/api/admin/config/route";
import { POST as signInRoute } from "../../app/api/auth/sign-in/route";
import type { Role } from "../auth/permissions";
import { listAudit } from "../db/audit-repo";
import { readTierSecrets } from "../db/config-repo";
import { db } from "../db/prisma";
import { cookieFrom, jsonRequest, makeUser, routeParams } from "../testing/requests";

async function cookieOf(role: Role) {
  const user = await makeUser(role);
  return cookieFrom(await signInRoute(jsonRequest("POST", "/api/auth/sign-in", { body: { email: user.email, password: user.password } })));
}

const SECRET = "sk-live-very-secret-k3Xz";
const create = (body: unknown, cookie: string) => createRoute(jsonRequest("POST", "/api/admin/tiers", { body, cookie }));
const patch = (name: string, body: unknown, cookie: string) => patchRoute(jsonRequest("PATCH", `/api/admin/tiers/${name}`, { body, cookie }), routeParams({ name }));
const remove = (name: string, cookie: string) => deleteRoute(jsonRequest("DELETE", `/api/admin/tiers/${name}`, { cookie }), routeParams({ name }));
const list = async (cookie: string) => (await (await listRoute(jsonRequest("GET", "/api/admin/tiers", { cookie }))).json()).tiers as Array<Record<string, unknown>>;

let ops: string;
let admin: string;

beforeAll(async () => {
  ops = await cookieOf("ops");
  admin = await cookieOf("admin");
});

describe("tiers admin API", () => {
  it("creates a tier with a write-only key: the hint is listed, the key is in no response", async () => {
    const body = { name: "ta-openai", provider: "openai", baseUrl: "http://127.0.0.1:9/v1", model: "gpt-x", apiKey: SECRET, inputUsdPerMTok: 1, outputUsdPerMTok: 2 };
    const res = await create(body, ops);
    const text = await res.text();
    expect(res.status).toBe(201);
    expect(text).not.toContain(SECRET);
    expect(JSON.parse(text).tier).toMatchObject({ name: "ta-openai", credentialHint: "…k3Xz", usedBy: [] });
    expect((await readTierSecrets()).get("ta-openai")?.apiKey).toBe(SECRET);
    const listed = await (await listRoute(jsonRequest("GET", "/api/admin/tiers", { cookie: ops }))).text();
    expect(listed).not.toContain(SECRET);
    expect(JSON.parse(listed).tiers.find((t: { name: string }) => t.name === "ta-openai")).not.toHaveProperty("apiKey");
    const [entry] = await listAudit({ targetType: "tier", targetId: "ta-openai" });
    expect(entry).toMatchObject({ action: "tier.create", actorEmail: expect.stringMatching(/^ops-/) });
    expect(JSON.stringify([entry!.before, entry!.after])).not.toContain(SECRET);
    expect((entry!.after as { credential: string }).credential).toBe("…k3Xz");
    expect((await create(body, ops)).status).toBe(409);
  });

  it("refuses a bad base URL and a negative price with field paths, and saves nothing", async () => {
    const before = await db.tier.count();
    const res = await create({ name: "ta-bad", provider: "openai", baseUrl: "ftp://nope", model: "m", inputUsdPerMTok: -1 }, ops);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.issues).toEqual(
      expect.arrayContaining([
        { path: "baseUrl", message: expect.stringContaining("http://") },
        { path: "inputUsdPerMTok", message: "Can't be negative." },
      ]),
    );
    const missingUrl = await create({ name: "ta-bad", provider: "anthropic", model: "m" }, ops);
    expect((await missingUrl.json()).error.issues).toEqual([{ path: "baseUrl", message: 'required for provider "anthropic"' }]);
    expect(await db.tier.count()).toBe(before);
  });

  it("edits, replaces and removes the key, disables and enables, with before/after audited", async () => {
    await create({ name: "ta-edit", provider: "simulated", model: "sim-1" }, ops);
    const res = await patch("ta-edit", { inputUsdPerMTok: 3, apiKey: "sk-replaced-abcd" }, ops);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain("sk-replaced-abcd");
    expect(JSON.parse(text).tier).toMatchObject({ inputUsdPerMTok: 3, credentialHint: "…abcd" });
    const [update] = await listAudit({ targetType: "tier", targetId: "ta-edit" });
    expect(update).toMatchObject({ action: "tier.update", before: { inputUsdPerMTok: 0, credential: null }, after: { inputUsdPerMTok: 3, credential: "…abcd" } });

    expect((await (await patch("ta-edit", { enabled: false }, ops)).json()).tier.enabled).toBe(false);
    const [disable] = await listAudit({ targetType: "tier", targetId: "ta-edit" });
    expect(disable).toMatchObject({ action: "tier.disable", before: { enabled: true }, after: { enabled: false } });
    expect((await (await patch("ta-edit", { enabled: true, apiKey: null }, ops)).json()).tier).toMatchObject({ enabled: true, credentialHint: null });
    expect((await readTierSecrets()).has("ta-edit")).toBe(false);

    const bad = await patch("ta-edit", { outputUsdPerMTok: -5, timeoutMs: 10 }, ops);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["outputUsdPerMTok", "timeoutMs"]);
    expect((await patch("ta-edit", { name: "renamed" }, ops)).status).toBe(400);
    expect((await patch("ta-ghost", { enabled: false }, ops)).status).toBe(404);
  });

  it("reorders the catalog and refuses an order that does not list every tier once", async () => {
    const names = (await list(ops)).map((t) => t.name as string);
    const reversed = [...names].reverse();
    const res = await reorderRoute(jsonRequest("POST", "/api/admin/tiers/reorder", { body: { order: reversed }, cookie: ops }));
    expect(res.status).toBe(200);
    expect((await list(ops)).map((t) => [t.name, t.rank])).toEqual(reversed.map((n, i) => [n, i]));
    const [entry] = await listAudit({ targetType: "tier" });
    expect(entry).toMatchObject({ action: "tier.reorder", before: { order: names }, after: { order: reversed } });
    const partial = await reorderRoute(jsonRequest("POST", "/api/admin/tiers/reorder", { body: { order: reversed.slice(1) }, cookie: ops }));
    expect(partial.status).toBe(400);
    expect((await partial.json()).error.message).toMatch(/missing/);
  });

  it("stores capabilities: defaults on create, a patch merged key by key, bad values refused by path, in config export and apply", async () => {
    const created = await (await create({ name: "ta-caps", provider: "simulated", model: "sim-caps", capabilities: { vision: true } }, ops)).json();
    expect(created.tier.capabilities).toEqual({ tools: true, vision: true, jsonSchema: true, contextTokens: 128_000, maxOutputTokens: 16_384 });
    const patched = await patch("ta-caps", { capabilities: { tools: false, contextTokens: 32_000 } }, ops);
    expect(patched.status).toBe(200);
    expect((await patched.json()).tier.capabilities).toEqual({ tools: false, vision: true, jsonSchema: true, contextTokens: 32_000, maxOutputTokens: 16_384 });
    const bad = await patch("ta-caps", { capabilities: { contextTokens: -5, vision: "yes" } }, ops);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["capabilities.contextTokens", "capabilities.vision"]);
    expect((await list(ops)).find((t) => t.name === "ta-caps")!.capabilities).toMatchObject({ tools: false, contextTokens: 32_000 });
    const exported = await (await exportRoute(jsonRequest("GET", "/api/admin/config", { cookie: admin }))).json();
    const tier = exported.tiers.find((t: { name: string }) => t.name === "ta-caps");
    expect(tier.capabilities).toEqual({ tools: false, vision: true, jsonSchema: true, contextTokens: 32_000, maxOutputTokens: 16_384 });
    const apply = await applyRoute(jsonRequest("POST", "/api/admin/config", { body: { tiers: [{ ...tier, capabilities: { maxOutputTokens: 4096 } }] }, cookie: admin }));
    expect(apply.status).toBe(200);
    const row = await db.tier.findUniqueOrThrow({ where: { name: "ta-caps" } });
    expect(row.capabilities).toEqual({ tools: true, vision: false, jsonSchema: true, contextTokens: 128_000, maxOutputTokens: 4096 });
  });

  it("an embeddings tier: created by kind, refused as Anthropic, and a tier a policy uses cannot become one", async () => {
    const res = await create({ name: "ta-vec", kind: "embeddings", provider: "simulated", model: "vec" }, ops);
    expect(res.status).toBe(201);
    expect((await res.json()).tier.kind).toBe("embeddings");
    const claude = await create({ name: "ta-claude-vec", kind: "embeddings", provider: "anthropic", baseUrl: "http://127.0.0.1:9", model: "c" }, ops);
    expect(claude.status).toBe(400);
    expect((await claude.json()).error.issues).toEqual([{ path: "kind", message: expect.stringContaining("Anthropic has no embeddings API") }]);
    await create({ name: "ta-chat-used", provider: "simulated", model: "m" }, ops);
    expect((await applyRoute(jsonRequest("POST", "/api/admin/config", { body: { policies: [{ name: "ta-policy-kind", tiers: ["ta-chat-used"] }] }, cookie: admin }))).status).toBe(200);
    const switched = await patch("ta-chat-used", { kind: "embeddings" }, ops);
    expect(switched.status).toBe(400);
    expect((await switched.json()).error.message).toContain('"ta-policy-kind"');
    const refused = await applyRoute(jsonRequest("POST", "/api/admin/config", { body: { policies: [{ name: "ta-policy-vec", tiers: ["ta-vec"] }] }, cookie: admin }));
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.message).toContain('tier "ta-vec" is an embeddings tier');
  });

  it("refuses to delete a tier a policy uses (409 naming the policies), deletes an unused one", async () => {
    await create({ name: "ta-used", provider: "simulated", model: "sim-2" }, ops);
    const apply = await applyRoute(
      jsonRequest("POST", "/api/admin/config", { body: { policies: [{ name: "ta-policy-a", tiers: ["ta-used"] }, { name: "ta-policy-b", tiers: ["ta-used"] }] }, cookie: admin }),
    );
    expect(apply.status).toBe(200);
    const res = await remove("ta-used", ops);
    expect(res.status).toBe(409);
    const { message } = (await res.json()).error;
    expect(message).toContain('"ta-policy-a"');
    expect(message).toContain('"ta-policy-b"');
    expect(await db.tier.count({ where: { name: "ta-used" } })).toBe(1);

    await create({ name: "ta-unused", provider: "openai", baseUrl: "http://127.0.0.1:9/v1", model: "m", apiKey: "sk-gone-1234" }, ops);
    expect((await remove("ta-unused", ops)).status).toBe(200);
    expect(await db.tier.count({ where: { name: "ta-unused" } })).toBe(0);
    expect(await db.providerCredential.count({ where: { name: "tier:ta-unused" } })).toBe(0);
    const [entry] = await listAudit({ targetType: "tier", targetId: "ta-unused" });
    expect(entry).toMatchObject({ action: "tier.delete", before: { name: "ta-unused", credential: "…1234" } });
    expect(entry!.after).toBeNull();
  });

  it("tests a connection: simulated works, an unreachable upstream reports why", async () => {
    await create({ name: "ta-sim", provider: "simulated", model: "sim-3" }, ops);
    const sim = await (await testRoute(jsonRequest("POST", "/api/admin/tiers/ta-sim/test", { cookie: ops }), routeParams({ name: "ta-sim" }))).json();
    expect(sim.result).toMatchObject({ ok: true, message: expect.stringContaining("simulated") });
    expect(sim.result.latencyMs).toBeGreaterThanOrEqual(0);
    const down = await (await testRoute(jsonRequest("POST", "/api/admin/tiers/ta-openai/test", { cookie: admin }), routeParams({ name: "ta-openai" }))).json();
    expect(down.result.ok).toBe(false);
    expect(down.result.message.length).toBeGreaterThan(0);
    expect(JSON.stringify(down)).not.toContain(SECRET);
    const [entry] = await listAudit({ targetType: "tier", targetId: "ta-openai" });
    expect(entry!.action).toBe("tier.test_connection");
  });

  it("refuses reviewers and product owners (403) and anonymous callers (401)", async () => {
    for (const role of ["reviewer", "owner"] as const) {
      const cookie = await cookieOf(role);
      expect((await listRoute(jsonRequest("GET", "/api/admin/tiers", { cookie }))).status).toBe(403);
      expect((await create({ name: `ta-${role}`, provider: "simulated", model: "m" }, cookie)).status).toBe(403);
      expect((await patch("ta-sim", { enabled: false }, cookie)).status).toBe(403);
      expect((await remove("ta-sim", cookie)).status).toBe(403);
      expect((await reorderRoute(jsonRequest("POST", "/api/admin/tiers/reorder", { body: { order: [] }, cookie }))).status).toBe(403);
      expect((await testRoute(jsonRequest("POST", "/api/admin/tiers/ta-sim/test", { cookie }), routeParams({ name: "ta-sim" }))).status).toBe(403);
    }
    expect(await db.tier.count({ where: { name: { in: ["ta-reviewer", "ta-owner"] } } })).toBe(0);
    expect((await db.tier.findUnique({ where: { name: "ta-sim" } }))!.enabled).toBe(true);
    expect((await listRoute(jsonRequest("GET", "/api/admin/tiers"))).status).toBe(401);
  });
});
