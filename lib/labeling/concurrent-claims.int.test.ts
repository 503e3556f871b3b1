import { beforeEach, describe, expect, it } from "vitest";
import { GET as nextRoute } from "../../app/api/admin/labeling/next/route";
import { claimFirstOpen } from "../db/label-repo";
import { db } from "../db/prisma";
import { clearCandidatePools } from "./candidate-pool";
import { logRequest, makePolicy, signedIn } from "../testing/labeling-fixtures";
import { jsonRequest, makeUser } from "../testing/requests";

beforeEach(() => clearCandidatePools());

describe("claims under concurrency", () => {
  it("never gives one request to two reviewers when their claims race on the same candidates", async () => {
    const { policy, tiers } = await makePolicy(["fast", "capable"]);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await logRequest({ policy, tier: tiers[0]!, uncertainty: 0.9 - i / 10 }));
    const reviewers = [];
    for (let i = 0; i < 12; i++) reviewers.push(await makeUser("reviewer"));
    // Every reviewer asks for the first open one of the same list at the same moment.
    const won = await Promise.all(reviewers.map((r) => claimFirstOpen(r.id, ids, 600)));
    const claimed = won.filter((id): id is string => id !== null);
    expect(claimed.sort()).toEqual([...ids].sort());
    const rows = await db.labelClaim.findMany({ where: { requestId: { in: ids } } });
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(won[reviewers.findIndex((r) => r.id === row.reviewerId)]).toBe(row.requestId);
  });

  it("gives two reviewers pulling from the queue at the same time disjoint items through the API", async () => {
    const { policy, tiers } = await makePolicy(["fast", "capable"]);
    const all = new Set<string>();
    for (let i = 0; i < 24; i++) all.add(await logRequest({ policy, tier: tiers[i % 2]!, uncertainty: Math.random(), labelCandidate: i % 6 === 0 ? "random" : null }));
    const [alice, bob] = [await signedIn("reviewer"), await signedIn("reviewer")];

    async function pull(who: { cookie: string }) {
      const mine: string[] = [];
      for (;;) {
        const query = new URLSearchParams({ policy: policy.name, exclude: mine.join(",") });
        const res = await nextRoute(jsonRequest("GET", `/api/admin/labeling/next?${query}`, { cookie: who.cookie }));
        expect(res.status).toBe(200);
        const { item } = await res.json();
        if (!item) return mine;
        mine.push(item.id);
      }
    }
    const [a, b] = await Promise.all([pull(alice), pull(bob)]);
    expect(a.filter((id) => b.includes(id))).toEqual([]);
    expect(new Set([...a, ...b])).toEqual(all);
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);
    const claims = await db.labelClaim.findMany({ where: { requestId: { in: [...all] } } });
    expect(claims.filter((c) => c.reviewerId === alice.id).map((c) => c.requestId).sort()).toEqual([...a].sort());
    expect(claims.filter((c) => c.reviewerId === bob.id).map((c) => c.requestId).sort()).toEqual([...b].sort());
  });
});
