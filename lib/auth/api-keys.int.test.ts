import { describe, expect, it } from "vitest";
import { GET as listRoute, POST as createRoute } from "../../app/api/admin/keys/route";
import { PATCH as patchRoute } from "../../app/api/admin/keys/[id]/route";
import { POST as signInRoute } from "../../app/api/auth/sign-in/route";
import { API_KEY_PATTERN, hashApiKey } from "./api-key-token";
import { listAudit } from "../db/audit-repo";
import { db } from "../db/prisma";
import { cookieFrom, jsonRequest, makeUser, routeParams } from "../testing/requests";

async function cookieFor(role: "admin" | "ops") {
  const u = await makeUser(role);
  return cookieFrom(await signInRoute(jsonRequest("POST", "/api/auth/sign-in", { body: { email: u.email, password: u.password } })));
}

describe("API keys admin API", () => {
  it("shows a new key once and stores only its hash", async () => {
    const cookie = await cookieFor("admin");
    const res = await createRoute(jsonRequest("POST", "/api/admin/keys", { body: { name: "app-1", monthlyBudgetUsd: 25, overBudget: "downgrade" }, cookie }));
    expect(res.status).toBe(201);
    const { key, apiKey } = await res.json();
    expect(key).toMatch(API_KEY_PATTERN);
    expect(apiKey).toMatchObject({ name: "app-1", prefix: key.slice(0, 11), monthlyBudgetUsd: 25, overBudget: "downgrade" });
    const stored = await db.apiKey.findUnique({ where: { id: apiKey.id }, omit: { hash: false } });
    expect(stored?.hash).toBe(hashApiKey(key));
    const list = await (await listRoute(jsonRequest("GET", "/api/admin/keys", { cookie }))).json();
    expect(JSON.stringify(list)).not.toContain(key);
    expect(JSON.stringify(list)).not.toContain(stored!.hash);
  });

  it("revokes a key and refuses later changes to it", async () => {
    const cookie = await cookieFor("admin");
    const { apiKey } = await (await createRoute(jsonRequest("POST", "/api/admin/keys", { body: { name: "to-revoke" }, cookie }))).json();
    const patch = (body: unknown) => patchRoute(jsonRequest("PATCH", `/api/admin/keys/${apiKey.id}`, { body, cookie }), routeParams({ id: apiKey.id }));
    expect((await patch({ revoked: true })).status).toBe(200);
    expect((await db.apiKey.findUnique({ where: { id: apiKey.id } }))?.revokedAt).not.toBeNull();
    expect((await patch({ name: "again" })).status).toBe(409);
  });

  it("validates input and permissions", async () => {
    const admin = await cookieFor("admin");
    const bad = await createRoute(jsonRequest("POST", "/api/admin/keys", { body: { name: "", monthlyBudgetUsd: -1, policy: "no-such-policy" }, cookie: admin }));
    expect(bad.status).toBe(400);
    const unknownPolicy = await createRoute(jsonRequest("POST", "/api/admin/keys", { body: { name: "x", policy: "no-such-policy" }, cookie: admin }));
    expect(unknownPolicy.status).toBe(400);
    expect((await unknownPolicy.json()).error.message).toContain("no-such-policy");
    const ops = await cookieFor("ops");
    expect((await createRoute(jsonRequest("POST", "/api/admin/keys", { body: { name: "x" }, cookie: ops }))).status).toBe(403);
  });

  it("sets, changes and clears a per-minute rate limit, audited and listed", async () => {
    const cookie = await cookieFor("admin");
    const res = await createRoute(jsonRequest("POST", "/api/admin/keys", { body: { name: "limited", rateLimitPerMinute: 60 }, cookie }));
    expect(res.status).toBe(201);
    const { apiKey } = await res.json();
    expect(apiKey.rateLimitPerMinute).toBe(60);
    const patch = (body: unknown) => patchRoute(jsonRequest("PATCH", `/api/admin/keys/${apiKey.id}`, { body, cookie }), routeParams({ id: apiKey.id }));
    expect((await (await patch({ rateLimitPerMinute: 30 })).json()).apiKey.rateLimitPerMinute).toBe(30);
    const list = await (await listRoute(jsonRequest("GET", "/api/admin/keys?pageSize=100", { cookie }))).json();
    expect(list.items.find((k: { id: string }) => k.id === apiKey.id)).toMatchObject({ rateLimitPerMinute: 30 });
    expect((await (await patch({ rateLimitPerMinute: null })).json()).apiKey.rateLimitPerMinute).toBeNull();
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).rateLimitPerMinute).toBeNull();
    const audit = await listAudit({ targetType: "api_key", targetId: apiKey.id });
    expect(audit.map((a) => [a.action, (a.before as { rateLimitPerMinute?: number } | null)?.rateLimitPerMinute, (a.after as { rateLimitPerMinute: number | null }).rateLimitPerMinute])).toEqual([
      ["api_key.update", 30, null],
      ["api_key.update", 60, 30],
      ["api_key.create", undefined, 60],
    ]);
  });

  it.each([0, -1, 1.5, "x", 100_001])("refuses the rate limit %s with a 400 naming the field", async (rateLimitPerMinute) => {
    const cookie = await cookieFor("admin");
    const created = await createRoute(jsonRequest("POST", "/api/admin/keys", { body: { name: "bad-rate", rateLimitPerMinute }, cookie }));
    expect(created.status).toBe(400);
    expect(JSON.stringify(await created.json())).toContain("rateLimitPerMinute");
    const { apiKey } = await (await createRoute(jsonRequest("POST", "/api/admin/keys", { body: { name: "ok-rate" }, cookie }))).json();
    const patched = await patchRoute(jsonRequest("PATCH", `/api/admin/keys/${apiKey.id}`, { body: { rateLimitPerMinute }, cookie }), routeParams({ id: apiKey.id }));
    expect(patched.status).toBe(400);
    expect(await db.apiKey.count({ where: { name: "bad-rate" } })).toBe(0);
  });
});
