import { beforeAll, describe, expect, it } from "vitest";
import { POST as applyRoute } from "../../app/api/admin/config/route";
import { POST as impactRoute } from "../../app/api/admin/policies/[name]/rules/impact/route";
import { POST as testRouteRoute } from "../../app/api/admin/policies/[name]/test-route/route";
import { insertRequestLogs, type RequestLogInsert } from "../db/request-log-repo";
import { demoId } from "../demo/demo-schedule";
import { createRng } from "../providers/simulated-random";
import { jsonRequest, routeParams, signedIn } from "../testing/requests";
import { ruleImpact } from "./rule-impact";

const POLICY = "ri-policy";
const params = routeParams({ name: POLICY });
const impact = (body: unknown, cookie: string) => impactRoute(jsonRequest("POST", `/api/admin/policies/${POLICY}/rules/impact`, { body, cookie }), params);
const bench = (body: unknown, cookie: string) => testRouteRoute(jsonRequest("POST", `/api/admin/policies/${POLICY}/test-route`, { body, cookie }), params);
const SAVED = [{ name: "refunds", match: { keywords: ["refund"] }, tier: "ri-capable", enabled: true }];
const PROMPTS = ["user: I want a refund for order 12", "user: Where is my parcel?", "system: be brief\n\nuser: refund my shipping fee", "user: my parcel arrived broken, refund?"];
let ops: string;
const rng = createRng(7);

function row(at: number, prompt: string | null, policyName = POLICY): RequestLogInsert {
  return { id: demoId(at, rng), createdAt: new Date(at), policyName, tierName: "ri-fast", stage: "classifier", status: "ok", decision: {}, latency: {}, prompt };
}

beforeAll(async () => {
  ops = (await signedIn("ops")).cookie;
  const config = {
    tiers: [
      { name: "ri-fast", provider: "simulated", model: "ri-small" },
      { name: "ri-capable", provider: "simulated", model: "ri-large" },
    ],
    policies: [{ name: POLICY, tiers: ["ri-fast", "ri-capable"], rules: SAVED }],
  };
  expect((await applyRoute(jsonRequest("POST", "/api/admin/config", { body: config, cookie: (await signedIn("admin")).cookie }))).status).toBe(200);
  const now = Date.now();
  // 40 recent requests (10 of each prompt), 2 without a stored prompt, 5 too old, 5 of another policy.
  const rows = [
    ...Array.from({ length: 40 }, (_, i) => row(now - 60_000 * (i + 1), PROMPTS[i % 4]!)),
    row(now - 30_000, null),
    row(now - 31_000, null),
    ...Array.from({ length: 5 }, (_, i) => row(now - 8 * 86_400_000 - i * 1000, PROMPTS[0]!)),
    ...Array.from({ length: 5 }, (_, i) => row(now - 1000 * (i + 1), PROMPTS[1]!, "ri-other")),
  ];
  expect(await insertRequestLogs(rows)).toBe(rows.length);
});

describe("a draft's impact on logged traffic and the bench on a draft", () => {
  it("counts requests whose outcome changes and what a new rule would decide, with samples", async () => {
    const draft = [...SAVED, { name: "parcels", match: { keywords: ["parcel"] }, tier: "ri-fast", enabled: true }];
    const res = await impact({ rules: draft }, ops);
    expect(res.status).toBe(200);
    const body = await res.json();
    // "Where is my parcel?" (10) goes from the classifier to parcels; "parcel … refund?" (10) stays with refunds (first match).
    expect(body).toMatchObject({ days: 7, limit: 20_000, scanned: 42, withoutPrompt: 2, changed: 10 });
    expect(body.rules).toEqual([{ rule: "parcels", tier: "ri-fast", matches: 10, samples: expect.any(Array) }]);
    expect(body.rules[0].samples).toHaveLength(3);
    expect(body.rules[0].samples[0]).toMatchObject({ prompt: "Where is my parcel?", before: "no rule (classifier)", after: "rule parcels → ri-fast" });
    expect(body.changedSamples[0]).toMatchObject({ before: "no rule (classifier)", after: "rule parcels → ri-fast" });
  });

  it("sees a disabled rule's traffic leave it, and reads at most `limit` rows, newest first", async () => {
    const off = await ruleImpact(POLICY, { rules: [{ ...SAVED[0], enabled: false }] });
    expect(off).toMatchObject({ changed: 30, rules: [{ rule: "refunds", matches: 0, samples: [] }] });
    expect(off.changedSamples[0]).toMatchObject({ before: "rule refunds → ri-capable", after: "no rule (classifier)" });
    const capped = await ruleImpact(POLICY, { rules: [{ ...SAVED[0], enabled: false }] }, { limit: 6 });
    // the 2 newest rows have no prompt; of the next 4 (prompts 0..3), 3 mention a refund
    expect(capped).toMatchObject({ scanned: 6, limit: 6, withoutPrompt: 2, changed: 3 });
  });

  it("refuses a bad draft with field paths and an unknown policy with 404", async () => {
    const bad = await impact({ rules: [{ name: "x", match: { keywords: ["a"] }, tier: "nowhere" }] }, ops);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues).toEqual([{ path: "rules.0.tier", message: expect.stringContaining("not one of this policy's tiers") }]);
    expect((await impact({ rules: [{ name: "x", match: {}, tier: "ri-fast" }] }, ops)).status).toBe(400);
    const missing = await impactRoute(jsonRequest("POST", "/api/admin/policies/ri-nope/rules/impact", { body: { rules: [] }, cookie: ops }), routeParams({ name: "ri-nope" }));
    expect(missing.status).toBe(404);
    const reviewer = (await signedIn("reviewer")).cookie;
    expect((await impact({ rules: [] }, reviewer)).status).toBe(403);
  });

  it("the bench decides with draft rules when given and says why each rule missed", async () => {
    const prompt = "Where is my parcel?";
    const saved = await (await bench({ prompt }, ops)).json();
    expect(saved).toMatchObject({ isDraft: false, result: { stage: "classifier" }, rules: [{ rule: "refunds", outcome: "missed", summary: "keyword 'refund' not in the prompt" }] });
    const draft = [{ name: "parcels", match: { keywords: ["parcel"] }, tier: "ri-capable" }, { ...SAVED[0], enabled: false }];
    const tried = await (await bench({ prompt, rules: draft }, ops)).json();
    expect(tried).toMatchObject({ isDraft: true, result: { stage: "rule", rule: "parcels", tier: "ri-capable" } });
    expect(tried.rules.map((r: { rule: string; outcome: string }) => [r.rule, r.outcome])).toEqual([["parcels", "matched"], ["refunds", "disabled"]]);
    const bad = await bench({ prompt, rules: [{ name: "x", match: { keywords: ["a"] }, tier: "nowhere" }] }, ops);
    expect(bad.status).toBe(400);
  });
});
