import { beforeAll, describe, expect, it } from "vitest";
import { POST as applyRoute } from "../../app/api/admin/config/route";
import { GET as getRules, PUT as putRules } from "../../app/api/admin/policies/[name]/rules/route";
import { POST as testRouteRoute } from "../../app/api/admin/policies/[name]/test-route/route";
import { POST as signInRoute } from "../../app/api/auth/sign-in/route";
import type { Role } from "../auth/permissions";
import { listAudit } from "../db/audit-repo";
import { cookieFrom, jsonRequest, makeUser, routeParams } from "../testing/requests";

async function cookieOf(role: Role) {
  const user = await makeUser(role);
  return cookieFrom(await signInRoute(jsonRequest("POST", "/api/auth/sign-in", { body: { email: user.email, password: user.password } })));
}

const POLICY = "rt-policy";
const params = routeParams({ name: POLICY });
const rules = async (cookie: string) => (await getRules(jsonRequest("GET", `/api/admin/policies/${POLICY}/rules`, { cookie }), params)).json();
const put = (body: unknown, cookie: string) => putRules(jsonRequest("PUT", `/api/admin/policies/${POLICY}/rules`, { body, cookie }), params);
const bench = (body: unknown, cookie: string, name = POLICY) =>
  testRouteRoute(jsonRequest("POST", `/api/admin/policies/${name}/test-route`, { body, cookie }), routeParams({ name }));

const PROMPT = "I want to dispute a charge on my card from last week.";
let ops: string;

beforeAll(async () => {
  ops = await cookieOf("ops");
  const config = {
    tiers: [
      { name: "rt-fast", provider: "simulated", model: "rt-small", inputUsdPerMTok: 0.06, outputUsdPerMTok: 0.06 },
      { name: "rt-capable", provider: "simulated", model: "rt-large", inputUsdPerMTok: 0.88, outputUsdPerMTok: 0.88 },
    ],
    policies: [{ name: POLICY, tiers: ["rt-fast", "rt-capable"] }],
  };
  // Creating policies is for owners and admins (config-permissions.ts).
  expect((await applyRoute(jsonRequest("POST", "/api/admin/config", { body: config, cookie: await cookieOf("admin") }))).status).toBe(200);
});

describe("rules admin API and test bench", () => {
  it("the bench's decision changes after a rule is saved", async () => {
    expect(await rules(ops)).toEqual({ policy: POLICY, tiers: ["rt-fast", "rt-capable"], rules: [] });
    const before = await (await bench({ prompt: PROMPT }, ops)).json();
    expect(before.result).toMatchObject({ policy: POLICY, stage: "classifier", scores: { p: [expect.any(Number)] } });
    expect(before.classifier).toEqual({ kind: "heuristic", id: "builtin" });
    expect(before.result.thresholds.steps).toHaveLength(1);
    expect(before.result.trace.map((s: { stage: string }) => s.stage)).toEqual(expect.arrayContaining(["rules", "classifier", "choose", "plan"]));
    expect(before.result.trace.every((s: { micros: number }) => typeof s.micros === "number")).toBe(true);

    const other = before.result.tier === "rt-fast" ? "rt-capable" : "rt-fast";
    const res = await put({ rules: [{ name: "disputes", match: { keywords: ["dispute"] }, tier: other }] }, ops);
    expect(res.status).toBe(200);
    const after = await (await bench({ prompt: PROMPT }, ops)).json();
    expect(after.result).toMatchObject({ stage: "rule", rule: "disputes", tier: other });
    expect(after.result.tier).not.toBe(before.result.tier);

    const [entry] = await listAudit({ targetType: "policy", targetId: POLICY });
    expect(entry).toMatchObject({ action: "policy.rules_replace", before: { rules: [] }, after: { rules: [{ name: "disputes", tier: other }] } });
  });

  it("replaces the list atomically: one bad rule → 400 with field paths and nothing changes", async () => {
    const saved = (await rules(ops)).rules;
    const res = await put(
      {
        rules: [
          { name: "ok", match: { keywords: ["refund"] }, tier: "rt-fast" },
          { name: "slow", match: { regex: "(a+)+$" }, tier: "rt-fast" },
          { name: "elsewhere", match: { category: "x" }, tier: "rt-nowhere" },
        ],
      },
      ops,
    );
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.issues).toEqual([{ path: "rules.1.match.regex", message: expect.stringContaining("nested quantifier") }]);
    expect((await rules(ops)).rules).toEqual(saved);

    const wrongTier = await put({ rules: [{ name: "a", match: { category: "x" }, tier: "rt-nowhere" }, { name: "a", match: { category: "y" }, tier: "rt-fast" }] }, ops);
    expect(wrongTier.status).toBe(400);
    expect((await wrongTier.json()).error.issues.map((i: { path: string }) => i.path)).toEqual(["rules.0.tier", "rules.1.name"]);
    const unsupported = await put({ rules: [{ name: "look", match: { regex: "(?=x)y" }, tier: "rt-fast" }] }, ops);
    expect((await unsupported.json()).error.issues[0]).toMatchObject({ path: "rules.0.match.regex", message: expect.stringContaining("lookahead") });
    expect((await rules(ops)).rules).toEqual(saved);
  });

  it("keeps the order it is given (reordering is a PUT of the new order) and honours enabled", async () => {
    const list = [
      { name: "first", match: { keywords: ["charge"] }, tier: "rt-fast", enabled: true },
      { name: "second", match: { keywords: ["dispute"] }, tier: "rt-capable", enabled: true },
    ];
    await put({ rules: list }, ops);
    expect((await (await bench({ prompt: PROMPT }, ops)).json()).result.rule).toBe("first");
    await put({ rules: [list[1], list[0]] }, ops);
    expect((await rules(ops)).rules.map((r: { name: string }) => r.name)).toEqual(["second", "first"]);
    expect((await (await bench({ prompt: PROMPT }, ops)).json()).result.rule).toBe("second");
    await put({ rules: [{ ...list[1], enabled: false }, list[0]] }, ops);
    expect((await (await bench({ prompt: PROMPT }, ops)).json()).result.rule).toBe("first");
  });

  it("the bench takes a category, a tier name as model (bypass), and reports bad input", async () => {
    await put({ rules: [{ name: "by-category", match: { category: "billing" }, tier: "rt-capable" }] }, ops);
    const byCategory = await (await bench({ prompt: "hello", category: "Billing" }, ops)).json();
    expect(byCategory.result).toMatchObject({ stage: "rule", rule: "by-category", tier: "rt-capable" });
    const bypass = await (await bench({ prompt: "hello", model: "rt-fast" }, ops)).json();
    expect(bypass.result).toMatchObject({ stage: "bypass", tier: "rt-fast" });
    expect((await bench({ prompt: "" }, ops)).status).toBe(400);
    expect((await bench({ prompt: "hi", model: "frontdesk/other" }, ops)).status).toBe(400);
    expect((await bench({ prompt: "hi" }, ops, "rt-missing")).status).toBe(404);
    expect((await getRules(jsonRequest("GET", "/api/admin/policies/rt-missing/rules", { cookie: ops }), routeParams({ name: "rt-missing" }))).status).toBe(404);
  });

  it("refuses reviewers and product owners (403)", async () => {
    for (const role of ["reviewer", "owner"] as const) {
      const cookie = await cookieOf(role);
      expect((await getRules(jsonRequest("GET", `/api/admin/policies/${POLICY}/rules`, { cookie }), params)).status).toBe(403);
      expect((await put({ rules: [] }, cookie)).status).toBe(403);
      expect((await bench({ prompt: PROMPT }, cookie)).status).toBe(403);
    }
    expect((await rules(ops)).rules).toHaveLength(1);
  });
});
