import { beforeAll, describe, expect, it } from "vitest";
import { GET as exportRoute } from "../../app/api/admin/datasets/export/route";
import { DELETE as deleteDatasetRoute } from "../../app/api/admin/datasets/[id]/route";
import { POST as datasetsRoute } from "../../app/api/admin/datasets/route";
import { POST as labelRoute } from "../../app/api/admin/labels/route";
import { db } from "../db/prisma";
import { logRequest, makePolicy, signedIn } from "../testing/labeling-fixtures";
import { jsonRequest, routeParams } from "../testing/requests";
import { runCli } from "../testing/spawn-gateway";

type Line = { id: string; prompt: string; outcomes: Record<string, { score: number; response?: string }>; tags: Record<string, string> };

let policyName: string;
let tiers: string[];
const ids: Record<string, string> = {};
let ops: { cookie: string };

beforeAll(async () => {
  const made = await makePolicy(["fast", "capable"]);
  policyName = made.policy.name;
  tiers = made.tiers;
  ops = await signedIn("ops");
  const reviewer = await signedIn("reviewer");
  ids.tooWeak = await logRequest({ policy: made.policy, tier: tiers[0]!, prompt: "user: prove the theorem" });
  ids.fine = await logRequest({ policy: made.policy, tier: tiers[1]!, prompt: "user: summarize the contract" });
  ids.escalated = await logRequest({ policy: made.policy, tier: tiers[1]!, prompt: "user: a tricky one" });
  ids.unlabeled = await logRequest({ policy: made.policy, tier: tiers[0]!, prompt: "user: hello" });
  ids.noPrompt = await logRequest({ policy: made.policy, tier: tiers[0]!, prompt: null });
  await db.requestLog.update({
    where: { id: ids.escalated },
    data: {
      escalated: true,
      latency: {
        routingMs: 0.1,
        attempts: [
          { tier: tiers[0], model: "fast-model", ms: 80, outcome: "low-confidence", costUsd: 0.00001 },
          { tier: tiers[1], model: "capable-model", ms: 300, outcome: "ok", costUsd: 0.001 },
        ],
      },
    },
  });
  for (const [requestId, body] of [
    [ids.tooWeak, { verdict: "should-be-more-capable", correctTier: tiers[1] }],
    [ids.fine, { verdict: "correct" }],
  ] as const) {
    const res = await labelRoute(jsonRequest("POST", "/api/admin/labels", { body: { requestId, ...body }, cookie: reviewer.cookie }));
    expect(res.status, await res.clone().text()).toBe(201);
  }
  // labeled, but its prompt was not stored (the policy turned storage off): nothing to export
  await db.label.create({ data: { requestId: ids.noPrompt, verdict: "correct" } });
});

const exportAs = (cookie: string, query: string) => exportRoute(jsonRequest("GET", `/api/admin/datasets/export?${query}`, { cookie }));
const parse = (text: string): Line[] => text.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as Line);

describe("exporting logged traffic as outcomes JSONL", () => {
  it("writes labeled and escalated requests with their outcomes, and nothing else", async () => {
    const res = await exportAs(ops.cookie, `policy=${policyName}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="frontdesk-traffic-.*\.jsonl"/);
    const lines = parse(await res.text());
    const byId = new Map(lines.map((l) => [l.id, l]));
    expect([...byId.keys()].sort()).toEqual([ids.tooWeak, ids.fine, ids.escalated].sort());
    expect(byId.get(ids.tooWeak)).toMatchObject({
      prompt: "user: prove the theorem",
      outcomes: { [tiers[0]!]: { score: 0, response: "an answer" } },
      tags: { source: "traffic", policy: policyName, tier: tiers[0], verdict: "should-be-more-capable", correctTier: tiers[1] },
    });
    expect(byId.get(ids.fine)!.outcomes).toEqual({ [tiers[1]!]: expect.objectContaining({ score: 1 }) });
    expect(byId.get(ids.escalated)!.outcomes).toEqual({ [tiers[1]!]: expect.objectContaining({ score: 1 }), [tiers[0]!]: { score: 0 } });
  });

  it("is importable again as a dataset, line for line, and the CLI writes the same lines", async () => {
    const text = await (await exportAs(ops.cookie, `policy=${policyName}`)).text();
    const res = await datasetsRoute(new Request(`http://localhost:3000/api/admin/datasets?name=export-roundtrip-${Date.now()}`, { method: "POST", headers: { cookie: ops.cookie, host: "localhost:3000" }, body: text }));
    expect(res.status).toBe(201);
    const imported = await res.json();
    expect(imported).toMatchObject({ imported: 3, rejected: 0 });
    const del = await deleteDatasetRoute(jsonRequest("DELETE", `/api/admin/datasets/${imported.dataset.id}`, { cookie: ops.cookie }), routeParams({ id: imported.dataset.id }));
    expect(del.status).toBeLessThan(300);

    const cli = await runCli(["export", "--policy", policyName], process.env.DATABASE_URL!);
    expect(parse(cli)).toEqual(parse(text));
  });

  it("filters by time, refuses bad filters (400) and non-ops roles (403)", async () => {
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect((await (await exportAs(ops.cookie, `policy=${policyName}&from=${future}`)).text()).trim()).toBe("");
    expect((await exportAs(ops.cookie, "from=not-a-date")).status).toBe(400);
    const reviewer = await signedIn("reviewer");
    expect((await exportAs(reviewer.cookie, "")).status).toBe(403);
    await expect(runCli(["export", "--from", "yesterday-ish"], process.env.DATABASE_URL!)).rejects.toThrow(/--from must be a date/);
  });
});
