import { describe, expect, it } from "vitest";
import { GET as listRoute, POST as createRoute } from "@/app/api/admin/keys/route";
import { PATCH as patchRoute } from "@/app/api/admin/keys/[id]/route";
import { POST as signInRoute } from "@/app/api/auth/sign-in/route";
import { API_KEY_PATTERN, hashApiKey } from "@/lib/auth/api-key-token";
import { db } from "@/lib/db/prisma";
import { cookieFrom, jsonRequest, makeUser, routeParams } from "@/lib/testing/requests";

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
});
