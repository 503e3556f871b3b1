import { beforeEach, describe, expect, it } from "vitest";
import { GET as nextRoute } from "../../app/api/admin/labeling/next/route";
import { GET as progressRoute } from "../../app/api/admin/labeling/progress/route";
import { POST as skipRoute } from "../../app/api/admin/labeling/skip/route";
import { DELETE as deleteLabelRoute } from "../../app/api/admin/labels/[id]/route";
import { POST as labelRoute } from "../../app/api/admin/labels/route";
import { db } from "../db/prisma";
import { clearCandidatePools } from "./candidate-pool";
import type { QueueItem } from "./queue-item";
import { logRequest, makePolicy, signedIn } from "../testing/labeling-fixtures";
import { jsonRequest, routeParams } from "../testing/requests";

type Who = { cookie: string; id: string };

async function next(who: Who, query: Record<string, string> = {}): Promise<QueueItem | null> {
  const res = await nextRoute(jsonRequest("GET", `/api/admin/labeling/next?${new URLSearchParams(query)}`, { cookie: who.cookie }));
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()).item;
}

const label = (who: Who, body: Record<string, unknown>) => labelRoute(jsonRequest("POST", "/api/admin/labels", { body, cookie: who.cookie }));
const undo = (who: Who, id: string) => deleteLabelRoute(jsonRequest("DELETE", `/api/admin/labels/${id}`, { cookie: who.cookie }), routeParams({ id }));
const skip = (who: Who, requestId: string) => skipRoute(jsonRequest("POST", "/api/admin/labeling/skip", { body: { requestId }, cookie: who.cookie }));
async function progress(who: Who, query: Record<string, string>) {
  const res = await progressRoute(jsonRequest("GET", `/api/admin/labeling/progress?${new URLSearchParams(query)}`, { cookie: who.cookie }));
  expect(res.status).toBe(200);
  return res.json();
}

beforeEach(() => clearCandidatePools());

describe("labeling API permissions and validation", () => {
  it("refuses ops users (403) and anonymous callers (401) on every labeling API", async () => {
    const ops = await signedIn("ops");
    const id = "0190f5c4-0000-7000-8000-000000000000";
    const calls = [
      nextRoute(jsonRequest("GET", "/api/admin/labeling/next", { cookie: ops.cookie })),
      progressRoute(jsonRequest("GET", "/api/admin/labeling/progress", { cookie: ops.cookie })),
      skip(ops, id),
      label(ops, { requestId: id, verdict: "correct" }),
      undo(ops, id),
    ];
    expect((await Promise.all(calls)).map((r) => r.status)).toEqual([403, 403, 403, 403, 403]);
    expect((await nextRoute(jsonRequest("GET", "/api/admin/labeling/next"))).status).toBe(401);
    const admin = await signedIn("admin");
    expect((await nextRoute(jsonRequest("GET", "/api/admin/labeling/next", { cookie: admin.cookie }))).status).toBe(200);
  });

  it("answers 400 for bad verdicts, missing or wrong tiers, and bad query parameters", async () => {
    const reviewer = await signedIn("reviewer");
    const { policy, tiers } = await makePolicy();
    const onBalanced = await logRequest({ policy, tier: tiers[1]!, uncertainty: 0.5 });
    const bad = async (body: Record<string, unknown>) => {
      const res = await label(reviewer, body);
      expect(res.status).toBe(400);
      return (await res.json()).error;
    };
    expect((await bad({ requestId: onBalanced, verdict: "maybe" })).message).toContain("verdict");
    expect((await bad({ requestId: onBalanced, verdict: "should-be-cheaper" })).issues).toEqual([{ path: "correctTier", message: "Pick the tier that should have answered." }]);
    expect((await bad({ requestId: onBalanced, verdict: "should-be-more-capable", correctTier: "fast" })).message).toContain("is not a tier of policy");
    expect((await bad({ requestId: onBalanced, verdict: "should-be-cheaper", correctTier: tiers[2] })).message).toContain("is not cheaper than");
    expect((await bad({ requestId: onBalanced, verdict: "should-be-more-capable", correctTier: tiers[0] })).message).toContain("is not more capable than");
    expect((await bad({ requestId: "nope", verdict: "correct" })).message).toContain("requestId");
    expect((await bad({ requestId: onBalanced, verdict: "correct", note: "x".repeat(2001) })).message).toContain("2,000");
    const q = (query: string) => nextRoute(jsonRequest("GET", `/api/admin/labeling/next?${query}`, { cookie: reviewer.cookie }));
    expect((await q("exclude=not-a-uuid")).status).toBe(400);
    expect((await q("from=yesterday")).status).toBe(400);
    expect((await skip(reviewer, "x")).status).toBe(400);
    expect((await label(reviewer, { requestId: "0190f5c4-0000-7000-8000-000000000000", verdict: "correct" })).status).toBe(404);
    expect(await db.label.count({ where: { requestId: onBalanced } })).toBe(0);
  });

  it("labels only requests the queue would serve: failed requests, bypasses and prompt-less rows get 400 and no label", async () => {
    const reviewer = await signedIn("reviewer");
    const { policy, tiers } = await makePolicy();
    const ineligible = [
      await logRequest({ policy, tier: tiers[0]!, status: "error" }),
      await logRequest({ policy, tier: tiers[0]!, stage: "bypass" }),
      await logRequest({ policy, tier: tiers[0]!, prompt: null }),
    ];
    for (const requestId of ineligible) {
      for (const body of [{ requestId, verdict: "correct" }, { requestId, verdict: "should-be-more-capable", correctTier: tiers[2] }]) {
        const res = await label(reviewer, body);
        expect(res.status, requestId).toBe(400);
        expect((await res.json()).error.issues).toEqual([{ path: "requestId", message: expect.stringContaining("Only answered requests") }]);
      }
    }
    expect(await db.label.count({ where: { requestId: { in: ineligible } } })).toBe(0);
    const answered = await logRequest({ policy, tier: tiers[0]!, uncertainty: 0.2 });
    expect((await label(reviewer, { requestId: answered, verdict: "correct" })).status).toBe(201);
  });
});

describe("the queue", () => {
  it("serves most uncertain first, every fifth item from the random sample, and records the sample", async () => {
    const reviewer = await signedIn("reviewer");
    const { policy, tiers } = await makePolicy(["fast", "capable"]);
    const uncertain: string[] = [];
    for (let i = 0; i < 10; i++) uncertain.push(await logRequest({ policy, tier: tiers[i % 2]!, uncertainty: 0.95 - i * 0.05, labelCandidate: i < 3 ? "uncertain" : null }));
    // The random sample is served only in its own slots, however uncertain its requests are.
    const random = [await logRequest({ policy, tier: tiers[0]!, uncertainty: 0.99, labelCandidate: "random" }), await logRequest({ policy, tier: tiers[0]!, uncertainty: 0.01, labelCandidate: "random" })];
    // Not in the queue: labeled already, a bypass, an error, no stored prompt, another policy.
    const labeled = await logRequest({ policy, tier: tiers[0]!, uncertainty: 1 });
    await db.label.create({ data: { requestId: labeled, verdict: "correct", sample: "uncertain" } });
    await logRequest({ policy, tier: tiers[0]!, uncertainty: 1, stage: "bypass" });
    await logRequest({ policy, tier: tiers[0]!, uncertainty: 1, status: "error" });
    await logRequest({ policy, tier: tiers[0]!, uncertainty: 1, prompt: null });

    const served: QueueItem[] = [];
    for (let i = 0; i < 13; i++) {
      const item = await next(reviewer, { policy: policy.name });
      if (!item) break;
      served.push(item);
      const res = await label(reviewer, { requestId: item.id, verdict: "correct" });
      expect(res.status).toBe(201);
      expect((await res.json()).label).toMatchObject({ sample: item.sample, verdict: "correct", correctTier: item.tier });
    }
    const ids = served.map((s) => s.id);
    expect(ids.slice(0, 4)).toEqual(uncertain.slice(0, 4));
    expect(random).toContain(ids[4]);
    expect(ids.slice(5, 9)).toEqual(uncertain.slice(4, 8));
    expect(random).toContain(ids[9]);
    expect(ids.slice(10)).toEqual(uncertain.slice(8));
    expect(served.map((s) => s.sample)).toEqual(served.map((s) => (random.includes(s.id) ? "random" : "uncertain")));
    const stored = await db.label.findMany({ where: { requestId: { in: random } } });
    expect(stored.map((l) => l.sample)).toEqual(["random", "random"]);
    expect(stored.every((l) => l.reviewerId === reviewer.id)).toBe(true);
  });

  it("shows the prompt, answer, tiers and decision trace, and filters by tier and time", async () => {
    const reviewer = await signedIn("reviewer");
    const { policy, tiers } = await makePolicy();
    const old = await logRequest({ policy, tier: tiers[2]!, uncertainty: 0.9, createdAt: new Date(Date.now() - 3 * 86_400_000) });
    const recent = await logRequest({ policy, tier: tiers[1]!, uncertainty: 0.2 });
    const item = await next(reviewer, { policy: policy.name, from: new Date(Date.now() - 86_400_000).toISOString() });
    expect(item).toMatchObject({ id: recent, tier: tiers[1], model: `${tiers[1]}-model`, policy: policy.name, policyTiers: tiers, sample: "uncertain", response: "an answer" });
    expect(item!.prompt).toContain(recent);
    expect(item!.decision.thresholds?.steps[0]?.minProbability).toBe(0.5);
    expect(item!.decision.trace[0]).toMatchObject({ stage: "classifier", outcome: "hit" });
    expect(item!.attempts[0]).toMatchObject({ tier: tiers[1], outcome: "ok" });
    expect(await next(reviewer, { policy: policy.name, tier: tiers[2]!, exclude: recent })).toMatchObject({ id: old });
  });

  it("hands back the reviewer's own claim after a reload, and skip gives the item to others", async () => {
    const [alice, bob] = [await signedIn("reviewer"), await signedIn("reviewer")];
    const { policy, tiers } = await makePolicy(["fast", "capable"]);
    const a = await logRequest({ policy, tier: tiers[0]!, uncertainty: 0.9 });
    const b = await logRequest({ policy, tier: tiers[0]!, uncertainty: 0.8 });
    const f = { policy: policy.name };
    expect((await next(alice, f))?.id).toBe(a);
    expect((await next(alice, f))?.id).toBe(a); // a reload: same item, claim renewed
    expect((await next(alice, { ...f, exclude: a }))?.id).toBe(b); // prefetch the one after
    expect(await next(bob, f)).toBeNull(); // both held by alice
    expect(await (await skip(alice, a)).json()).toEqual({ released: true });
    expect((await next(bob, f))?.id).toBe(a);
    expect((await next(alice, { ...f, exclude: `${a},${b}` }))).toBeNull();
  });

  it("lets another reviewer take an expired claim, and refuses labels on items others hold (409)", async () => {
    const [alice, bob] = [await signedIn("reviewer"), await signedIn("reviewer")];
    const { policy, tiers } = await makePolicy(["fast", "capable"]);
    const a = await logRequest({ policy, tier: tiers[0]!, uncertainty: 0.9 });
    expect((await next(alice, { policy: policy.name }))?.id).toBe(a);
    const res = await label(bob, { requestId: a, verdict: "should-be-more-capable", correctTier: tiers[1] });
    expect(res.status).toBe(409);
    await db.labelClaim.update({ where: { requestId: a }, data: { expiresAt: new Date(Date.now() - 1000) } });
    clearCandidatePools();
    expect((await next(bob, { policy: policy.name }))?.id).toBe(a);
    const ok = await label(bob, { requestId: a, verdict: "should-be-more-capable", correctTier: tiers[1], note: "needs the big model" });
    expect(ok.status).toBe(201);
    expect((await ok.json()).label).toMatchObject({ verdict: "should-be-more-capable", correctTier: tiers[1], note: "needs the big model", sample: "uncertain" });
    expect(await db.labelClaim.findUnique({ where: { requestId: a } })).toBeNull();
    expect((await label(alice, { requestId: a, verdict: "correct" })).status).toBe(409);
  });
});

describe("undo and progress", () => {
  it("undoes only your own recent label, returns the item to you and moves the progress counts", async () => {
    const [alice, bob] = [await signedIn("reviewer"), await signedIn("reviewer")];
    const { policy, tiers } = await makePolicy(["fast", "capable"]);
    for (let i = 0; i < 3; i++) await logRequest({ policy, tier: tiers[1]!, uncertainty: 0.5 + i / 10 });
    const f = { policy: policy.name };
    const before = await progress(alice, f);
    expect(before).toMatchObject({ labeledToday: 0, remaining: 3, remainingIsLowerBound: false, lastLabel: null });

    const item = (await next(alice, f))!;
    const { label: made } = await (await label(alice, { requestId: item.id, verdict: "should-be-cheaper", correctTier: tiers[0] })).json();
    expect(await progress(alice, f)).toMatchObject({ labeledToday: 1, remaining: 2, lastLabel: { id: made.id, requestId: item.id } });

    expect((await undo(bob, made.id)).status).toBe(403);
    const undone = await undo(alice, made.id);
    expect(undone.status).toBe(200);
    expect((await undone.json()).item).toMatchObject({ id: item.id, tier: tiers[1] });
    expect(await db.label.findUnique({ where: { id: made.id } })).toBeNull();
    expect(await db.labelClaim.findUnique({ where: { requestId: item.id } })).toMatchObject({ reviewerId: alice.id });
    expect(await progress(alice, f)).toMatchObject({ labeledToday: 0, remaining: 3, lastLabel: null });
    expect((await next(alice, f))?.id).toBe(item.id); // back in the queue, held for alice
    expect((await undo(alice, made.id)).status).toBe(404);

    const again = (await (await label(alice, { requestId: item.id, verdict: "correct" })).json()).label;
    await db.label.update({ where: { id: again.id }, data: { createdAt: new Date(Date.now() - 16 * 60_000) } });
    const tooOld = await undo(alice, again.id);
    expect(tooOld.status).toBe(409);
    expect((await tooOld.json()).error.message).toContain("15 minutes");
  });
});
