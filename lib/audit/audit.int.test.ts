import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { POST as revertRoute } from "../../app/api/admin/audit/[id]/revert/route";
import { GET as impactRoute } from "../../app/api/admin/audit/impact/route";
import { GET as auditRoute } from "../../app/api/admin/audit/route";
import { POST as discardRoute } from "../../app/api/admin/classifiers/[id]/discard/route";
import { POST as promoteRoute } from "../../app/api/admin/classifiers/[id]/promote/route";
import { POST as applyRoute } from "../../app/api/admin/config/route";
import { PATCH as patchPolicyRoute } from "../../app/api/admin/policies/[name]/route";
import { PUT as putRulesRoute } from "../../app/api/admin/policies/[name]/rules/route";
import { DELETE as deleteTierRoute, PATCH as patchTierRoute } from "../../app/api/admin/tiers/[name]/route";
import { POST as reorderRoute } from "../../app/api/admin/tiers/reorder/route";
import { POST as createTierRoute } from "../../app/api/admin/tiers/route";
import { readActiveClassifiers } from "../db/config-repo";
import { listenForConfigChanges, type ConfigChange } from "../db/config-listener";
import { db } from "../db/prisma";
import { loadGatewayConfig } from "../config/load-gateway-config";
import { jsonRequest, routeParams, signedIn } from "../testing/requests";

const POLICY = "au-policy";
type Who = { cookie: string; email: string };
let admin: Who, ops: Who, owner: Who, reviewer: Who;
const notices: ConfigChange[] = [];
let listener: { close(): Promise<void> };

const list = async (who: Who, query = "") => auditRoute(jsonRequest("GET", `/api/admin/audit${query}`, { cookie: who.cookie }));
const entries = async (query: string) => (await (await list(admin, query)).json()).entries as Array<Record<string, unknown> & { id: string; action: string }>;
const revert = (who: Who, id: string, body: unknown = {}) => revertRoute(jsonRequest("POST", `/api/admin/audit/${id}/revert`, { body, cookie: who.cookie }), routeParams({ id }));
const patchTier = (name: string, body: unknown) => patchTierRoute(jsonRequest("PATCH", `/api/admin/tiers/${name}`, { body, cookie: ops.cookie }), routeParams({ name }));
const putRules = (body: unknown) => putRulesRoute(jsonRequest("PUT", `/api/admin/policies/${POLICY}/rules`, { body, cookie: ops.cookie }), routeParams({ name: POLICY }));
const tier = (name: string) => db.tier.findUnique({ where: { name } });
/** The newest entry of an action (what a console change just wrote). */
const latest = async (action: string) => (await entries(`?action=${action}&limit=1`))[0]!;

async function noticeOf(what: string) {
  for (let i = 0; i < 100 && !notices.some((n) => n.what === what); i++) await new Promise((r) => setTimeout(r, 50));
  return notices.some((n) => n.what === what);
}

beforeAll(async () => {
  [admin, ops, owner, reviewer] = await Promise.all([signedIn("admin"), signedIn("ops"), signedIn("owner"), signedIn("reviewer")]);
  const config = {
    tiers: [
      { name: "au-fast", provider: "simulated", model: "llama-3.2-3b-instruct", inputUsdPerMTok: 0.06, outputUsdPerMTok: 0.06 },
      { name: "au-capable", provider: "simulated", model: "llama-3.3-70b-instruct", inputUsdPerMTok: 0.88, outputUsdPerMTok: 0.88 },
      { name: "au-c-fast", provider: "simulated", model: "llama-3.2-3b-instruct", inputUsdPerMTok: 0.06, outputUsdPerMTok: 0.06 },
      { name: "au-c-capable", provider: "simulated", model: "llama-3.3-70b-instruct", inputUsdPerMTok: 0.88, outputUsdPerMTok: 0.88 },
    ],
    policies: [
      { name: POLICY, tiers: ["au-fast", "au-capable"], rules: [{ name: "long", match: { keywords: ["contract"] }, tier: "au-capable" }] },
      // The shipped model, its tiers renamed to these (test below).
      { name: "au-classified", tiers: ["au-c-fast", "au-c-capable"] },
    ],
  };
  const applied = await applyRoute(jsonRequest("POST", "/api/admin/config", { body: config, cookie: admin.cookie }));
  expect(applied.status, await applied.clone().text()).toBe(200);
  listener = listenForConfigChanges(inject("databaseUrl"), (c) => notices.push(c));
  await new Promise((r) => setTimeout(r, 300));
});

afterAll(async () => {
  await listener?.close();
});

describe("GET /api/admin/audit", () => {
  it("is for admins and ops: a reviewer or owner gets 403, bad filters 400", async () => {
    expect((await list(reviewer)).status).toBe(403);
    expect((await list(owner)).status).toBe(403);
    expect((await list(ops)).status).toBe(200);
    expect((await list(admin, "?limit=0")).status).toBe(400);
    expect((await list(admin, "?from=yesterday")).status).toBe(400);
    expect((await list(admin, "?before=abc")).status).toBe(400);
  });

  it("pages by id, newest first, without gaps or repeats, and filters", async () => {
    for (const price of [0.1, 0.2, 0.3]) expect((await patchTier("au-fast", { inputUsdPerMTok: price })).status).toBe(200);
    const all = await entries("?targetType=tier&limit=200");
    const seen: string[] = [];
    let before = "";
    for (let i = 0; i < 100; i++) {
      const page = await (await list(admin, `?targetType=tier&limit=2${before}`)).json();
      expect(page.entries.length).toBeLessThanOrEqual(2);
      seen.push(...page.entries.map((e: { id: string }) => e.id));
      if (!page.nextBefore) break;
      before = `&before=${page.nextBefore}`;
    }
    expect(seen).toEqual(all.map((e) => e.id));
    expect(seen.map(BigInt)).toEqual([...seen.map(BigInt)].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));

    const [update] = await entries(`?action=tier.update&actor=${encodeURIComponent(ops.email)}`);
    expect(update).toMatchObject({ action: "tier.update", targetType: "tier", targetId: "au-fast", actor: ops.email, revertible: true, reason: null, permission: "tiers:manage" });
    expect(update!.changes).toEqual([{ path: "inputUsdPerMTok", before: 0.2, after: 0.3 }]);
    expect(await entries(`?actor=${encodeURIComponent(reviewer.email)}`)).toEqual([]);
    expect(await entries(`?targetType=tier&from=${new Date(Date.now() + 60_000).toISOString()}`)).toEqual([]);
    expect((await entries("?action=tier.*&limit=200")).map((e) => e.id)).toEqual(all.filter((e) => e.action.startsWith("tier.")).map((e) => e.id));
    expect((await entries(`?targetType=tier&to=${new Date(Date.now() + 60_000).toISOString()}&limit=200`)).length).toBe(all.length);
    const [applied] = await entries("?action=config.apply");
    expect(applied).toMatchObject({ revertible: false, reason: expect.stringContaining("cannot be reverted") });
  });
});

describe("POST /api/admin/audit/:id/revert", () => {
  it("reverts a tier being disabled (gateways notified), and the revert itself reverts", async () => {
    expect((await patchTier("au-capable", { enabled: false })).status).toBe(200);
    const disabled = await latest("tier.disable");
    const res = await revert(ops, disabled.id);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ action: "tier.disable.revert", revertOf: disabled.id });
    expect((await tier("au-capable"))!.enabled).toBe(true);
    expect(await noticeOf("tier.disable.revert")).toBe(true);
    expect((await loadGatewayConfig()).snapshot.tiers.get("au-capable")?.enabled).toBe(true);

    const [again] = await entries("?action=tier.disable");
    expect(again).toMatchObject({ id: disabled.id, revertedBy: body.id });
    const [revertEntry] = await entries("?action=tier.disable.revert");
    expect(revertEntry).toMatchObject({ id: body.id, revertOf: disabled.id, revertible: true, changes: [{ path: "enabled", before: false, after: true }] });
    expect((await revert(ops, body.id)).status).toBe(200);
    expect((await tier("au-capable"))!.enabled).toBe(false);
    expect((await patchTier("au-capable", { enabled: true })).status).toBe(200);
  });

  it("refuses with 409 when the target changed since, unless forced", async () => {
    expect((await patchTier("au-capable", { enabled: false })).status).toBe(200);
    const disabled = await latest("tier.disable");
    expect((await patchTier("au-capable", { timeoutMs: 12_345 })).status).toBe(200);
    const refused = await revert(ops, disabled.id);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.message).toMatch(/tier "au-capable" changed again/);
    expect((await tier("au-capable"))!.enabled).toBe(false);
    expect((await revert(ops, disabled.id, { force: true })).status).toBe(200);
    expect(await tier("au-capable")).toMatchObject({ enabled: true, timeoutMs: 60_000 });
    expect((await revert(ops, "999999999")).status).toBe(404);
    expect((await revert(ops, disabled.id, { force: "yes" })).status).toBe(400);
    expect((await revert(reviewer, disabled.id)).status).toBe(403);
  });

  it("reverts a created tier to deleted and back; a deleted tier with a key is not revertible", async () => {
    const created = await createTierRoute(jsonRequest("POST", "/api/admin/tiers", { body: { name: "au-extra", provider: "simulated", model: "m" }, cookie: ops.cookie }));
    expect(created.status).toBe(201);
    const entry = await latest("tier.create");
    const undone = await (await revert(ops, entry.id)).json();
    expect(await tier("au-extra")).toBeNull();
    expect((await revert(ops, undone.id)).status).toBe(200);
    expect(await tier("au-extra")).toMatchObject({ model: "m" });

    const withKey = await createTierRoute(jsonRequest("POST", "/api/admin/tiers", { body: { name: "au-keyed", provider: "simulated", model: "m", apiKey: "sk-au-1234" }, cookie: ops.cookie }));
    expect(withKey.status).toBe(201);
    const keyed = await latest("tier.create");
    const deleted = await (await revert(ops, keyed.id)).json();
    const [listed] = await entries(`?action=tier.create.revert`);
    expect(listed).toMatchObject({ id: deleted.id, revertible: false, reason: expect.stringContaining("write-only") });
    const refused = await revert(ops, deleted.id);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.message).toContain("cannot be reverted");
  });

  it("reverts a reorder to the previous ranking", async () => {
    const order = async () => (await db.tier.findMany({ orderBy: [{ rank: "asc" }, { name: "asc" }], select: { name: true } })).map((t) => t.name);
    const before = await order();
    const swapped = [...before].reverse();
    expect((await reorderRoute(jsonRequest("POST", "/api/admin/tiers/reorder", { body: { order: swapped }, cookie: ops.cookie }))).status).toBe(200);
    const entry = await latest("tier.reorder");
    expect(entry.changes).toEqual([{ path: "order", before, after: swapped }]);
    expect((await revert(ops, entry.id)).status).toBe(200);
    expect(await order()).toEqual(before);
    expect(await noticeOf("tier.reorder.revert")).toBe(true);
  });

  it("reverts a rule switched off", async () => {
    const rules = [{ name: "long", match: { keywords: ["contract"] }, tier: "au-capable", enabled: false }];
    expect((await putRules({ rules })).status).toBe(200);
    const off = await latest("policy.rules_replace");
    expect(off.changes).toEqual([{ path: "rules[long].enabled", before: true, after: false }]);
    expect((await revert(ops, off.id)).status).toBe(200);
    expect((await loadGatewayConfig()).snapshot.policies.get(POLICY)!.rules[0]!.enabled).toBe(true);
    expect(await noticeOf("policy.rules_replace.revert")).toBe(true);
  });

  it("reverts a bias change, with the permission the change needs", async () => {
    const res = await patchPolicyRoute(jsonRequest("PATCH", `/api/admin/policies/${POLICY}`, { body: { bias: 0.9 }, cookie: owner.cookie }), routeParams({ name: POLICY }));
    expect(res.status).toBe(200);
    const change = await latest("policy.bias_change");
    expect(change.changes).toEqual([{ path: "bias", before: 0.5, after: 0.9 }]);
    const denied = await revert(ops, change.id);
    expect(denied.status).toBe(403);
    expect((await denied.json()).error.message).toContain("policies:manage");
    expect((await revert(admin, change.id)).status).toBe(200);
    expect((await loadGatewayConfig()).snapshot.policies.get(POLICY)!.bias).toBe(0.5);
  });

  it("reverts a classifier promotion: the previously active version routes again", async () => {
    const artifact = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../classifier/default-model.json"), "utf8")) as Record<string, unknown>;
    const policy = await db.policy.findUniqueOrThrow({ where: { name: "au-classified" } });
    const make = (name: string, status: "active" | "candidate") =>
      db.classifierVersion.create({ data: { name, policyId: policy.id, artifact: { ...artifact, id: name, tiers: ["au-c-fast", "au-c-capable"] } as never, status, promotedAt: status === "active" ? new Date() : null } });
    const first = await make("au-v1", "active");
    await db.policy.update({ where: { id: policy.id }, data: { activeClassifierVersionId: first.id } });
    const second = await make("au-v2", "candidate");
    expect((await promoteRoute(jsonRequest("POST", `/api/admin/classifiers/${second.id}/promote`, { cookie: ops.cookie }), routeParams({ id: second.id }))).status).toBe(200);
    const promoted = await latest("classifier.promote");
    expect(promoted.changes).toEqual(expect.arrayContaining([{ path: "activeClassifierVersionId", before: first.id, after: second.id }]));

    const res = await revert(ops, promoted.id);
    expect(res.status).toBe(200);
    expect((await readActiveClassifiers()).find((c) => c.policyName === "au-classified")?.versionId).toBe(first.id);
    expect((await db.classifierVersion.findUniqueOrThrow({ where: { id: first.id } })).status).toBe("active");
    expect((await db.classifierVersion.findUniqueOrThrow({ where: { id: second.id } })).status).toBe("retired");
    expect((await loadGatewayConfig()).snapshot.classifiers.get("au-classified")?.kind).toBe("trained");
    expect(await noticeOf("classifier.promote.revert")).toBe(true);

    // A candidate can be discarded (audited, not offered again); an active version cannot.
    const third = await make("au-v3", "candidate");
    const discard = (id: string) => discardRoute(jsonRequest("POST", `/api/admin/classifiers/${id}/discard`, { cookie: ops.cookie }), routeParams({ id }));
    expect((await discard(first.id)).status).toBe(409);
    expect((await discard(third.id)).status).toBe(200);
    expect((await db.classifierVersion.findUniqueOrThrow({ where: { id: third.id } })).status).toBe("discarded");
    expect(await latest("classifier.discard")).toMatchObject({ targetId: third.id, revertible: false, changes: [{ path: "status", before: "candidate", after: "discarded" }] });
    expect((await promoteRoute(jsonRequest("POST", `/api/admin/classifiers/${third.id}/promote`, { cookie: ops.cookie }), routeParams({ id: third.id }))).status).toBe(409);
    expect((await discard(third.id)).status).toBe(409);
    expect((await discardRoute(jsonRequest("POST", `/api/admin/classifiers/${third.id}/discard`, { cookie: reviewer.cookie }), routeParams({ id: third.id }))).status).toBe(403);
  });
});

describe("the console's confirm and Undo", () => {
  it("counts the last 7 days of a tier's and a policy's rule traffic from the rollups", async () => {
    const hour = (daysAgo: number) => new Date(Math.floor((Date.now() - daysAgo * 86_400_000) / 3_600_000) * 3_600_000);
    const row = (daysAgo: number, policy: string, tier: string, stage: string, requests: number) => ({ bucket: hour(daysAgo), policy, tier, stage, status: "ok", isDemo: false, requests, latencyHist: [], pScoreHist: [] });
    await db.requestRollup.createMany({
      data: [row(1, POLICY, "au-capable", "classifier", 5), row(2, POLICY, "au-capable", "rule", 3), row(10, POLICY, "au-capable", "rule", 100), row(1, POLICY, "au-fast", "classifier", 7)],
    });
    const impact = async (who: Who, query: string) => impactRoute(jsonRequest("GET", `/api/admin/audit/impact?${query}`, { cookie: who.cookie }));
    expect(await (await impact(ops, "tier=au-capable")).json()).toEqual({ requests: 8, days: 7, scope: "tier", name: "au-capable" });
    expect(await (await impact(ops, `policy=${POLICY}`)).json()).toMatchObject({ requests: 3, scope: "policy-rules" });
    expect((await (await impact(ops, "tier=au-capable&days=30")).json()).requests).toBe(108);
    expect((await impact(ops, "tier=au-capable&policy=x")).status).toBe(400);
    expect((await impact(reviewer, "tier=au-capable")).status).toBe(403);
  });

  it("counts all of a policy's traffic, with its escalated, hedged and explored requests, for a settings change", async () => {
    const hour = (daysAgo: number) => new Date(Math.floor((Date.now() - daysAgo * 86_400_000) / 3_600_000) * 3_600_000);
    const policy = "au-settings-impact";
    const row = (daysAgo: number, stage: string, requests: number, escalations: number, hedges: number, explored: number) => ({
      bucket: hour(daysAgo), policy, tier: "au-fast", stage, status: "ok", isDemo: false, requests, escalations, hedges, explored, latencyHist: [], pScoreHist: [],
    });
    await db.requestRollup.createMany({ data: [row(1, "classifier", 10, 2, 1, 0), row(3, "rule", 4, 0, 0, 1), row(9, "classifier", 50, 9, 9, 9)] });
    const res = await impactRoute(jsonRequest("GET", `/api/admin/audit/impact?policy=${policy}&of=all`, { cookie: ops.cookie }));
    expect(await res.json()).toEqual({ requests: 14, escalations: 2, hedges: 1, explored: 1, days: 7, scope: "policy", name: policy });
    const bad = await impactRoute(jsonRequest("GET", `/api/admin/audit/impact?policy=${policy}&of=everything`, { cookie: ops.cookie }));
    expect(bad.status).toBe(400);
    // A product owner sees this count (the policies page's review), not the tier or rule counts.
    expect((await impactRoute(jsonRequest("GET", `/api/admin/audit/impact?policy=${policy}&of=all`, { cookie: owner.cookie }))).status).toBe(200);
    expect((await impactRoute(jsonRequest("GET", `/api/admin/audit/impact?policy=${policy}`, { cookie: owner.cookie }))).status).toBe(403);
    expect((await impactRoute(jsonRequest("GET", "/api/admin/audit/impact?tier=au-fast", { cookie: owner.cookie }))).status).toBe(403);
    expect((await impactRoute(jsonRequest("GET", `/api/admin/audit/impact?policy=${policy}&of=all`, { cookie: reviewer.cookie }))).status).toBe(403);
  });

  it("returns the audit entry of a policy settings change, which Undo reverts", async () => {
    const patchPolicy = (body: unknown) => patchPolicyRoute(jsonRequest("PATCH", `/api/admin/policies/${POLICY}`, { body, cookie: owner.cookie }), routeParams({ name: POLICY }));
    const before = (await loadGatewayConfig()).snapshot.policies.get(POLICY)!.hedging.delayMs;
    const res = await patchPolicy({ hedging: { delayMs: before + 250 } });
    expect(res.status).toBe(200);
    const { auditId, ...detail } = await res.json();
    expect(detail.policy.hedging.delayMs).toBe(before + 250);
    expect((await latest("policy.update")).id).toBe(auditId);
    // The product owner who made it can undo it (the toast), though the audit log is not theirs; a tier change is not theirs to revert.
    expect((await revert(owner, (await latest("tier.create")).id)).status).toBe(403);
    expect((await revert(owner, auditId)).status).toBe(200);
    expect((await loadGatewayConfig()).snapshot.policies.get(POLICY)!.hedging.delayMs).toBe(before);
  });

  it("returns the audit entry of a tier create, move and delete, which Undo reverts", async () => {
    const created = await createTierRoute(jsonRequest("POST", "/api/admin/tiers", { body: { name: "au-undo", provider: "simulated", model: "m" }, cookie: ops.cookie }));
    expect(created.status).toBe(201);
    const { tier: view, auditId: createId } = await created.json();
    expect(view).toMatchObject({ name: "au-undo" });
    expect(view).not.toHaveProperty("auditId");
    expect((await latest("tier.create")).id).toBe(createId);

    const order = async () => (await db.tier.findMany({ orderBy: [{ rank: "asc" }, { name: "asc" }], select: { name: true } })).map((t) => t.name);
    const ranked = await order();
    const moved = [...ranked.filter((n) => n !== "au-undo"), "au-undo"].reverse();
    const reorder = await (await reorderRoute(jsonRequest("POST", "/api/admin/tiers/reorder", { body: { order: moved }, cookie: ops.cookie }))).json();
    expect(reorder.tiers.map((t: { name: string }) => t.name)).toEqual(moved);
    expect((await latest("tier.reorder")).id).toBe(reorder.auditId);
    expect((await revert(ops, reorder.auditId)).status).toBe(200);
    expect(await order()).toEqual(ranked);

    const removed = await deleteTierRoute(jsonRequest("DELETE", "/api/admin/tiers/au-undo", { cookie: ops.cookie }), routeParams({ name: "au-undo" }));
    const { ok, auditId: deleteId } = await removed.json();
    expect(ok).toBe(true);
    expect((await latest("tier.delete")).id).toBe(deleteId);
    expect(await tier("au-undo")).toBeNull();
    expect((await revert(ops, deleteId)).status).toBe(200);
    expect(await tier("au-undo")).toMatchObject({ model: "m" });
    expect((await revert(ops, createId)).status).toBe(200);
    expect(await tier("au-undo")).toBeNull();
  });

  it("returns the audit entry a toggle wrote, which Undo reverts", async () => {
    const res = await patchTier("au-fast", { enabled: false });
    const { tier: view, auditId } = await res.json();
    expect(view).toMatchObject({ name: "au-fast", enabled: false });
    expect(view).not.toHaveProperty("auditId");
    expect((await latest("tier.disable")).id).toBe(auditId);
    expect((await revert(ops, auditId)).status).toBe(200);
    expect((await tier("au-fast"))!.enabled).toBe(true);

    const off = await (await putRules({ rules: [{ name: "long", match: { keywords: ["contract"] }, tier: "au-capable", enabled: false }] })).json();
    expect((await latest("policy.rules_replace")).id).toBe(off.auditId);
    expect((await revert(ops, off.auditId)).status).toBe(200);
    expect((await policyRules()).every((r) => r.enabled)).toBe(true);
  });
});

async function policyRules() {
  return (await loadGatewayConfig()).snapshot.policies.get(POLICY)!.rules;
}
