import { beforeEach, describe, expect, it } from "vitest";
import { GET as nextRoute } from "../../app/api/admin/labeling/next/route";
import { POST as labelRoute } from "../../app/api/admin/labels/route";
import { db } from "../db/prisma";
import { clearCandidatePools } from "./candidate-pool";
import type { QueueItem } from "./queue-item";
import { logRequest, makePolicy, signedIn } from "../testing/labeling-fixtures";
import { jsonRequest } from "../testing/requests";

type Who = { cookie: string; id: string };

async function next(who: Who, query: Record<string, string>): Promise<QueueItem | null> {
  const res = await nextRoute(jsonRequest("GET", `/api/admin/labeling/next?${new URLSearchParams(query)}`, { cookie: who.cookie }));
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()).item;
}

const label = (who: Who, body: Record<string, unknown>) => labelRoute(jsonRequest("POST", "/api/admin/labels", { body, cookie: who.cookie }));

beforeEach(() => clearCandidatePools());

describe("identical requests in the queue", () => {
  it("serves one per group with the others listed, never the same prompt twice in a row while another is open", async () => {
    const reviewer = await signedIn("reviewer");
    const { policy, tiers } = await makePolicy(["fast", "capable"]);
    // Three identical (whitespace and case aside) on the same tier, the most uncertain of the policy.
    const same = [
      await logRequest({ policy, tier: tiers[0]!, uncertainty: 0.9, prompt: "user: What are your opening hours?" }),
      await logRequest({ policy, tier: tiers[0]!, uncertainty: 0.85, prompt: "  user:  what are your\nOPENING hours? " }),
      await logRequest({ policy, tier: tiers[0]!, uncertainty: 0.8, prompt: "user: What are your opening hours?" }),
    ];
    const otherTier = await logRequest({ policy, tier: tiers[1]!, uncertainty: 0.7, prompt: "user: What are your opening hours?" });
    const different = await logRequest({ policy, tier: tiers[0]!, uncertainty: 0.6, prompt: "user: Reset my password" });
    const f = { policy: policy.name };

    const first = (await next(reviewer, f))!;
    expect(first.id).toBe(same[0]);
    expect(first.groupKey).toMatch(/^[0-9a-f]{32}$/);
    expect([...first.identicalIds].sort()).toEqual([same[1], same[2]].sort()); // not the one answered by another tier

    // Labeled alone: the next item is another prompt (the client names the group it just judged)…
    expect((await label(reviewer, { requestId: first.id, verdict: "correct" })).status).toBe(201);
    const second = (await next(reviewer, { ...f, avoid: first.groupKey! }))!;
    expect(second.id).toBe(otherTier);
    expect(second.groupKey).not.toBe(first.groupKey);
    expect((await label(reviewer, { requestId: second.id, verdict: "correct" })).status).toBe(201);
    const third = (await next(reviewer, { ...f, avoid: second.groupKey! }))!;
    expect(third.id).toBe(different);
    expect((await label(reviewer, { requestId: third.id, verdict: "correct" })).status).toBe(201);
    const fourth = (await next(reviewer, { ...f, avoid: third.groupKey! }))!;
    expect(fourth.id).toBe(same[1]);
    expect(fourth.identicalIds).toEqual([same[2]]);
    // Only that prompt is left: it is served all the same (the reviewer can label the rest at once).
    expect((await next(reviewer, { ...f, avoid: fourth.groupKey!, exclude: same[1]! }))!.id).toBe(same[2]);
  }, 30_000);
});

describe("apply to all identical requests", () => {
  it("writes every label or none: 400 for a request of another group, 409 for one another reviewer holds", async () => {
    const [alice, bob] = [await signedIn("reviewer"), await signedIn("reviewer")];
    const { policy, tiers } = await makePolicy(["fast", "capable"]);
    const prompt = "user: Translate 'good morning' into French.";
    const group = [
      await logRequest({ policy, tier: tiers[1]!, uncertainty: 0.9, prompt }),
      await logRequest({ policy, tier: tiers[1]!, uncertainty: 0.5, prompt, labelCandidate: "random" }),
      await logRequest({ policy, tier: tiers[1]!, uncertainty: 0.4, prompt }),
    ];
    const onFast = await logRequest({ policy, tier: tiers[0]!, uncertainty: 0.3, prompt });
    const item = (await next(alice, { policy: policy.name }))!;
    expect(item.id).toBe(group[0]);
    const body = { requestId: item.id, verdict: "should-be-cheaper", correctTier: tiers[0], note: "a small model does this" };

    const notIdentical = await label(alice, { ...body, identicalIds: [...item.identicalIds, onFast] });
    expect(notIdentical.status).toBe(400);
    expect((await notIdentical.json()).error.issues[0].path).toBe("identicalIds");

    await db.labelClaim.create({ data: { requestId: group[2]!, reviewerId: bob.id, expiresAt: new Date(Date.now() + 60_000) } });
    expect((await label(alice, { ...body, identicalIds: item.identicalIds })).status).toBe(409);
    expect(await db.label.count({ where: { requestId: { in: [...group, onFast] } } })).toBe(0); // nothing half-written
    await db.labelClaim.delete({ where: { requestId: group[2]! } });

    const ok = await label(alice, { ...body, identicalIds: item.identicalIds });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ applied: 3, label: { requestId: group[0], verdict: "should-be-cheaper", correctTier: tiers[0] } });
    const stored = await db.label.findMany({ where: { requestId: { in: group } }, include: { correctTier: true } });
    expect(stored.map((l) => [l.requestId, l.sample, l.correctTier?.name, l.note, l.reviewerId]).sort()).toEqual(
      [
        [group[0], "uncertain", tiers[0], body.note, alice.id],
        [group[1], "random", tiers[0], body.note, alice.id], // each keeps its own sample
        [group[2], "uncertain", tiers[0], body.note, alice.id],
      ].sort(),
    );
    expect(await db.labelClaim.count({ where: { requestId: { in: group } } })).toBe(0);
    expect(await db.label.count({ where: { requestId: onFast } })).toBe(0);
    expect((await label(alice, { requestId: onFast, verdict: "correct", identicalIds: [group[1]] })).status).toBe(400);
  });
});
