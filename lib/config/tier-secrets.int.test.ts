/**
 * Issue 18, a tier's secrets: a stored key goes only to the address it was entered for, and the
 * connection test echoes nothing of what the upstream answered (SSRF read). Real HTTP to
 * loopback servers; real Postgres.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as exportRoute, POST as applyRoute } from "../../app/api/admin/config/route";
import { PATCH as patchRoute } from "../../app/api/admin/tiers/[name]/route";
import { POST as testRoute } from "../../app/api/admin/tiers/[name]/test/route";
import { GET as listRoute, POST as createRoute } from "../../app/api/admin/tiers/route";
import { POST as signInRoute } from "../../app/api/auth/sign-in/route";
import { listAudit } from "../db/audit-repo";
import { readTierSecrets } from "../db/config-repo";
import { cookieFrom, jsonRequest, makeUser, routeParams } from "../testing/requests";

const KEY = "sk-live-only-for-the-real-host-Q7";
const INTERNAL = "INTERNAL-ONLY-7f3a";

/** A host of the attacker's choosing: records what it is sent, answers with "internal" text. */
type Sink = { url: string; seen: http.IncomingHttpHeaders[]; status: number; close(): Promise<void> };
async function startSink(): Promise<Sink> {
  const seen: http.IncomingHttpHeaders[] = [];
  const sink = { seen, status: 200 } as Sink;
  const server = http.createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(sink.status, { "content-type": "application/json" });
    res.end(sink.status === 200 ? JSON.stringify({ data: [{ id: INTERNAL }] }) : JSON.stringify({ error: { message: INTERNAL } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  sink.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  sink.close = () => new Promise((resolve) => server.close(() => resolve()));
  return sink;
}

let ops: string;
let sink: Sink;

beforeAll(async () => {
  const user = await makeUser("ops");
  ops = cookieFrom(await signInRoute(jsonRequest("POST", "/api/auth/sign-in", { body: { email: user.email, password: user.password } })));
  sink = await startSink();
});
afterAll(() => sink.close());

const create = (body: unknown) => createRoute(jsonRequest("POST", "/api/admin/tiers", { body, cookie: ops }));
const patch = (name: string, body: unknown) => patchRoute(jsonRequest("PATCH", `/api/admin/tiers/${name}`, { body, cookie: ops }), routeParams({ name }));
const test = async (name: string) => (await testRoute(jsonRequest("POST", `/api/admin/tiers/${name}/test`, { cookie: ops }), routeParams({ name }))).text();
const apply = (body: unknown) => applyRoute(jsonRequest("POST", "/api/admin/config", { body, cookie: ops }));

describe("moving a tier drops its stored key", () => {
  it("PATCH baseUrl without a key: the key is gone, the test call carries none", async () => {
    await create({ name: "sec-move", provider: "openai", baseUrl: "http://127.0.0.1:9/v1", model: "m", apiKey: KEY });
    const res = await patch("sec-move", { baseUrl: sink.url });
    expect(res.status).toBe(200);
    expect((await res.json()).tier.credentialHint).toBeNull();
    expect((await readTierSecrets()).has("sec-move")).toBe(false);
    sink.seen.length = 0;
    await test("sec-move");
    expect(sink.seen).toHaveLength(1);
    expect(JSON.stringify(sink.seen)).not.toContain(KEY);
    expect(sink.seen[0]!.authorization).toBeUndefined();
  });

  it("PATCH baseUrl with a key in the same request keeps the new key; other edits keep the stored one", async () => {
    await create({ name: "sec-rekey", provider: "openai", baseUrl: "http://127.0.0.1:9/v1", model: "m", apiKey: KEY });
    expect((await patch("sec-rekey", { model: "m2", baseUrl: "http://127.0.0.1:9/v1" })).status).toBe(200);
    expect((await readTierSecrets()).get("sec-rekey")?.apiKey).toBe(KEY);
    expect((await patch("sec-rekey", { baseUrl: sink.url, apiKey: "sk-entered-again-R2" })).status).toBe(200);
    expect((await readTierSecrets()).get("sec-rekey")?.apiKey).toBe("sk-entered-again-R2");
  });

  it("config apply moving the base URL without a key drops it; with a key, stores that one", async () => {
    const tier = { name: "sec-apply", provider: "openai", baseUrl: "http://127.0.0.1:9/v1", model: "m" };
    expect((await apply({ tiers: [{ ...tier, apiKey: KEY }], policies: [] })).status).toBe(200);
    expect((await apply({ tiers: [tier], policies: [] })).status).toBe(200);
    expect((await readTierSecrets()).get("sec-apply")?.apiKey).toBe(KEY);
    expect((await apply({ tiers: [{ ...tier, baseUrl: sink.url }], policies: [] })).status).toBe(200);
    expect((await readTierSecrets()).has("sec-apply")).toBe(false);
    expect((await apply({ tiers: [{ ...tier, apiKey: "sk-entered-again-R3" }], policies: [] })).status).toBe(200);
    expect((await readTierSecrets()).get("sec-apply")?.apiKey).toBe("sk-entered-again-R3");
  });
});

describe("the connection test echoes nothing of the upstream's answer", () => {
  it("a 200 with a body: ok and the status, not the body's text", async () => {
    await create({ name: "sec-echo", provider: "openai", baseUrl: sink.url, model: "m" });
    sink.status = 200;
    const text = await test("sec-echo");
    expect(JSON.parse(text).result).toMatchObject({ ok: true, status: 200 });
    expect(text).not.toContain(INTERNAL);
  });

  it("an error with a body: the status and the error class, not the body's text", async () => {
    sink.status = 403;
    try {
      const text = await test("sec-echo");
      expect(JSON.parse(text).result).toMatchObject({ ok: false, status: 403, errorKind: "http", message: expect.stringMatching(/^http 403/) });
      expect(text).not.toContain(INTERNAL);
    } finally {
      sink.status = 200;
    }
  });
});

describe("options.headers are write-only secrets", () => {
  const ORG = "org-very-secret-value-5678";

  it("are never returned (names and hints only), kept by a change that does not name them, and sent upstream", async () => {
    const created = await create({ name: "sec-headers", provider: "openai", baseUrl: sink.url, model: "m", options: { maxSockets: 4, headers: { "X-Org": ORG, "X-Short": "abc" } } });
    const text = await created.text();
    expect(created.status).toBe(201);
    expect(text).not.toContain(ORG);
    expect(JSON.parse(text).tier).toMatchObject({ options: { maxSockets: 4 }, headerHints: { "X-Org": "…5678", "X-Short": "•••" } });
    expect(JSON.parse(text).tier.options).not.toHaveProperty("headers");
    expect(await (await listRoute(jsonRequest("GET", "/api/admin/tiers", { cookie: ops }))).text()).not.toContain(ORG);

    expect((await patch("sec-headers", { options: { maxSockets: 8 }, model: "m2" })).status).toBe(200);
    expect((await readTierSecrets()).get("sec-headers")?.headers).toEqual({ "X-Org": ORG, "X-Short": "abc" });
    sink.seen.length = 0;
    await test("sec-headers");
    expect(sink.seen[0]!["x-org"]).toBe(ORG);

    const changed = await patch("sec-headers", { options: { maxSockets: 8, headers: { "X-Short": null, "X-New": "new-value" } } });
    expect((await changed.json()).tier.headerHints).toEqual({ "X-Org": "…5678", "X-New": "•••" });
    expect((await readTierSecrets()).get("sec-headers")?.headers).toEqual({ "X-Org": ORG, "X-New": "new-value" });

    const exported = await (await exportRoute(jsonRequest("GET", "/api/admin/config", { cookie: ops }))).text();
    expect(exported).not.toContain(ORG);
    const audit = await listAudit({ targetType: "tier", targetId: "sec-headers" });
    expect(JSON.stringify(audit.map((a) => [a.before, a.after]))).not.toContain(ORG);
    expect(audit[0]).toMatchObject({ after: { headers: { "X-Org": "…5678", "X-New": "•••" } } });

    expect((await patch("sec-headers", { options: { headers: { "Bad Name": "x" } } })).status).toBe(400);
  });

  it("go with the key when the base URL changes, unless entered again", async () => {
    expect((await patch("sec-headers", { baseUrl: "http://127.0.0.1:9/v1", options: { headers: { "X-New": "again" } } })).status).toBe(200);
    expect((await readTierSecrets()).get("sec-headers")?.headers).toEqual({ "X-New": "again" });
    expect((await apply({ tiers: [{ name: "sec-headers", provider: "openai", baseUrl: sink.url, model: "m" }], policies: [] })).status).toBe(200);
    expect((await readTierSecrets()).has("sec-headers")).toBe(false);
  });
});
