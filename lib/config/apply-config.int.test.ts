import { describe, expect, it } from "vitest";
import { GET as exportRoute, POST as applyRoute } from "../../app/api/admin/config/route";
import { POST as signInRoute } from "../../app/api/auth/sign-in/route";
import type { Role } from "../auth/permissions";
import { listAudit } from "../db/audit-repo";
import { db } from "../db/prisma";
import { readTierSecrets } from "../db/config-repo";
import { issueConfig } from "../routing/testing/fixtures";
import { cookieFrom, jsonRequest, makeUser } from "../testing/requests";

const ISSUE_EXAMPLE = issueConfig("cfg-");

async function cookieOf(role: Role) {
  const user = await makeUser(role);
  return cookieFrom(await signInRoute(jsonRequest("POST", "/api/auth/sign-in", { body: { email: user.email, password: user.password } })));
}
const opsCookie = () => cookieOf("ops");

const apply = (body: unknown, cookie: string, query = "") => applyRoute(jsonRequest("POST", `/api/admin/config${query}`, { body, cookie }));

describe("config as code", () => {
  it("applies the issue's example, exports it without secrets, and is idempotent", async () => {
    const cookie = await opsCookie();
    const res = await apply(ISSUE_EXAMPLE, await cookieOf("admin"));
    expect(res.status).toBe(200);
    expect((await res.json()).applied).toMatchObject({ tiers: { created: ["cfg-fast", "cfg-capable"] }, policies: { created: ["cfg-default"] } });
    const exported = await (await exportRoute(jsonRequest("GET", "/api/admin/config", { cookie }))).json();
    expect(JSON.stringify(exported)).not.toContain("sk-test");
    const policy = exported.policies.find((p: { name: string }) => p.name === "cfg-default");
    expect(policy.rules.map((r: { name: string; tier: string }) => [r.name, r.tier])).toEqual([["hours", "cfg-fast"], ["disputes", "cfg-capable"]]);
    expect((await readTierSecrets()).get("cfg-capable")?.apiKey).toBe("sk-test-capable");
    const again = await apply(ISSUE_EXAMPLE, cookie);
    expect((await again.json()).applied.tiers).toEqual({ created: [], updated: ["cfg-fast", "cfg-capable"], deleted: [] });
    expect(await db.rule.count({ where: { policy: { name: "cfg-default" } } })).toBe(2);
  });

  it("replaces a policy's rules as listed and leaves other policies alone without --prune", async () => {
    const cookie = await opsCookie();
    const admin = await cookieOf("admin");
    await apply(ISSUE_EXAMPLE, admin);
    const other = { tiers: [], policies: [{ name: "cfg-other", tiers: ["cfg-fast"], rules: [] }] };
    expect((await apply(other, admin)).status).toBe(200);
    const fewer = structuredClone(ISSUE_EXAMPLE);
    fewer.policies[0]!.rules = [fewer.policies[0]!.rules[1]!];
    expect((await apply({ tiers: [], policies: fewer.policies }, cookie)).status).toBe(200);
    const rules = await db.rule.findMany({ where: { policy: { name: "cfg-default" } } });
    expect(rules.map((r) => r.name)).toEqual(["disputes"]);
    expect(await db.policy.count({ where: { name: "cfg-other" } })).toBe(1);
  });

  it("refuses an invalid file whole, listing every problem by path, and changes nothing", async () => {
    const cookie = await opsCookie();
    const before = await db.tier.count();
    const bad = {
      tiers: [{ name: "ok-tier", provider: "openai", baseUrl: "http://x/v1", model: "m" }, { name: "Bad Name", provider: "gpt" }],
      policies: [{ name: "p", tiers: ["ok-tier"], bias: 2 }],
    };
    const res = await apply(bad, cookie);
    expect(res.status).toBe(400);
    const paths = (await res.json()).error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["tiers[1].name", "tiers[1].provider", "tiers[1].model", "policies[0].bias"]));
    expect(await db.tier.count()).toBe(before);
    const refs = await apply({ policies: [{ name: "p2", tiers: ["ghost-tier"], rules: [{ name: "r", match: { keywords: ["x"] }, tier: "ghost-tier" }] }] }, cookie);
    expect((await refs.json()).error.issues.map((i: { path: string }) => i.path)).toEqual(["policies[0].tiers[0]", "policies[0].rules[0].tier"]);
    const notJson = await applyRoute(jsonRequest("POST", "/api/admin/config", { rawBody: "{nope", cookie }));
    expect(notJson.status).toBe(400);
  });

  it("prunes tiers and policies not in the file when asked, and audits the change", async () => {
    const cookie = await cookieOf("admin");
    await apply(ISSUE_EXAMPLE, cookie);
    await apply({ tiers: [{ name: "cfg-doomed", provider: "openai", baseUrl: "http://127.0.0.1:9/v1", model: "m", apiKey: "sk-doomed-1" }] }, cookie);
    expect(await db.providerCredential.count({ where: { name: "tier:cfg-doomed" } })).toBe(1);
    const res = await apply(ISSUE_EXAMPLE, cookie, "?prune=1");
    expect(res.status).toBe(200);
    expect((await db.policy.findMany({ select: { name: true } })).map((p) => p.name)).toEqual(["cfg-default"]);
    expect((await db.tier.findMany({ select: { name: true }, orderBy: { rank: "asc" } })).map((t) => t.name)).toEqual(["cfg-fast", "cfg-capable"]);
    expect((await db.policy.findUnique({ where: { name: "cfg-default" } }))?.isDefault).toBe(true);
    expect(await db.providerCredential.count({ where: { tiers: { none: {} } } })).toBe(0); // pruned tiers' secrets went too
    const [entry] = await listAudit({ targetType: "config" });
    expect(entry?.action).toBe("config.apply");
  });

  it("refuses ops (403, nothing written) what the console keeps for owners: bias, a new policy, the default", async () => {
    const admin = await cookieOf("admin");
    const ops = await opsCookie();
    expect((await apply(ISSUE_EXAMPLE, admin)).status).toBe(200);
    const audits = (await listAudit({ targetType: "config" })).length;
    const biased = structuredClone(ISSUE_EXAMPLE);
    biased.policies[0]!.bias = 0.9;
    biased.tiers[0]!.inputUsdPerMTok = 0.07; // a change ops may make does not carry the rest
    const res = await apply(biased, ops);
    expect(res.status).toBe(403);
    const { error } = await res.json();
    expect(error.issues).toEqual([{ path: "policies.cfg-default.bias", message: "changes bias: needs policies:manage" }]);
    expect((await db.policy.findUnique({ where: { name: "cfg-default" } }))?.bias).toBe(0.5);
    expect((await db.tier.findUnique({ where: { name: "cfg-fast" } }))?.inputUsdPerMTok).toBe(0.06);
    expect((await listAudit({ targetType: "config" })).length).toBe(audits);

    const fallback = structuredClone(ISSUE_EXAMPLE);
    (fallback.policies[0] as { fallback: string }).fallback = "cost-first";
    expect((await apply(fallback, ops)).status).toBe(403);
    expect((await apply({ policies: [{ name: "cfg-ops-made", tiers: ["cfg-fast"] }] }, ops)).status).toBe(403);
    expect((await apply({ defaultPolicy: "cfg-other-default", policies: [{ name: "cfg-other-default", tiers: ["cfg-fast"] }] }, admin)).status).toBe(200);
    expect((await apply({ defaultPolicy: "cfg-default" }, ops)).status).toBe(403);
    expect(await db.policy.count({ where: { name: "cfg-ops-made" } })).toBe(0);

    // What ops may edit in the console passes: tier prices, rules, the order of rules.
    const opsEdit = structuredClone(ISSUE_EXAMPLE);
    opsEdit.tiers[0]!.inputUsdPerMTok = 0.07;
    opsEdit.policies[0]!.rules.reverse();
    const ok = await apply(opsEdit, ops);
    expect(ok.status).toBe(200);
    expect((await db.tier.findUnique({ where: { name: "cfg-fast" } }))?.inputUsdPerMTok).toBe(0.07);
    expect((await db.rule.findMany({ where: { policy: { name: "cfg-default" } }, orderBy: { position: "asc" } })).map((r) => r.name)).toEqual(["disputes", "hours"]);
    // …and the same bias change from an admin lands.
    expect((await apply(biased, admin)).status).toBe(200);
    expect((await db.policy.findUnique({ where: { name: "cfg-default" } }))?.bias).toBe(0.9);
  });

  it("is for ops and admins only", async () => {
    const reviewer = await makeUser("reviewer");
    const cookie = cookieFrom(await signInRoute(jsonRequest("POST", "/api/auth/sign-in", { body: { email: reviewer.email, password: reviewer.password } })));
    expect((await apply(ISSUE_EXAMPLE, cookie)).status).toBe(403);
    expect((await exportRoute(jsonRequest("GET", "/api/admin/config", { cookie }))).status).toBe(403);
  });
});
