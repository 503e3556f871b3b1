import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE as deleteDemoRoute, GET as demoCountRoute } from "../../app/api/admin/demo-data/route";
import { GET as driftRoute } from "../../app/api/admin/drift/route";
import { GET as alertsRoute, PUT as putAlertsRoute } from "../../app/api/admin/alerts/route";
import { GET as firingRoute } from "../../app/api/admin/alerts/firing/route";
import { GET as overviewRoute } from "../../app/api/admin/overview/route";
import { GET as requestsRoute } from "../../app/api/admin/requests/route";
import { GET as requestRoute } from "../../app/api/admin/requests/[id]/route";
import { POST as signInRoute } from "../../app/api/auth/sign-in/route";
import { listAudit } from "../db/audit-repo";
import { pgPool } from "../db/pg-pool";
import { insertRequestLogs } from "../db/request-log-repo";
import { rebuildRollups } from "../db/rollup-repo";
import { uuidv7 } from "../gateway/uuidv7";
import { backfillDemoTraffic } from "../demo/backfill-demo-traffic";
import { demoGatewayConfig } from "../demo/testing-config";
import { DEFAULT_ALERT_SETTINGS } from "./alert-settings";
import type { Role } from "../auth/permissions";
import { cookieFrom, jsonRequest, makeUser, routeParams } from "../testing/requests";

// The demo week ends here, far in the past: other test files' rows (and their newest-first lists)
// never meet it.
const END = Date.parse("2002-06-10T00:00:00Z");
const WEEK = 7 * 86_400_000;
const cookies = {} as Record<Role, string>;
let backfill: Awaited<ReturnType<typeof backfillDemoTraffic>>;

const get = (handler: (req: Request) => Promise<Response>, path: string, role: Role) => handler(jsonRequest("GET", path, { cookie: cookies[role] }));
const range = (from: number, to: number) => `from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`;

async function count(sql: string, params: unknown[] = []) {
  const { rows } = await pgPool().query<{ n: string }>(sql, params);
  return Number(rows[0]!.n);
}

beforeAll(async () => {
  for (const role of ["admin", "ops", "reviewer", "owner"] as const) {
    const user = await makeUser(role);
    cookies[role] = cookieFrom(await signInRoute(jsonRequest("POST", "/api/auth/sign-in", { body: { email: user.email, password: user.password } })));
  }
  backfill = await backfillDemoTraffic({ config: demoGatewayConfig(), end: END, requests: 3000, seed: 7 });
}, 120_000);

// Rows this file writes at the current time are removed again: other files list "the newest" requests.
const nowRows: string[] = [];
afterAll(async () => {
  await pgPool().query(`DELETE FROM "RequestLog" WHERE id = ANY($1::uuid[])`, [nowRows]);
  await rebuildRollups({ from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 3_600_000) });
});

describe("demo backfill", () => {
  it("writes a week of demo rows through the engine, with rollups and labels", async () => {
    expect(backfill.requests).toBeGreaterThan(2500);
    expect(backfill.labels).toBeGreaterThan(30);
    const stored = await count(`SELECT count(*) AS n FROM "RequestLog" WHERE "isDemo" AND "createdAt" >= $1 AND "createdAt" < $2`, [new Date(END - WEEK - 3_600_000), new Date(END)]);
    expect(stored).toBe(backfill.requests);
    expect(await count(`SELECT coalesce(sum(requests), 0) AS n FROM "RequestRollup" WHERE "isDemo" AND bucket >= $1 AND bucket < $2`, [new Date(END - WEEK - 3_600_000), new Date(END)])).toBe(stored);
    const stages = (await pgPool().query<{ stage: string }>(`SELECT DISTINCT stage FROM "RequestLog" WHERE "isDemo"`)).rows.map((r) => r.stage);
    expect(stages).toEqual(expect.arrayContaining(["classifier", "escalation", "fallback"]));
    expect(await count(`SELECT count(*) AS n FROM "RequestLog" WHERE "isDemo" AND status = 'error'`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) AS n FROM "RequestLog" WHERE "isDemo" AND "baselineCostUsd" > "costUsd"`)).toBeGreaterThan(100);
    expect(await count(`SELECT count(DISTINCT sample) AS n FROM "Label" l JOIN "RequestLog" r ON r.id = l."requestId" WHERE r."isDemo"`)).toBe(2);
  });

  it("shadows a sample of the support desk's answers, graded from the datasets' record", async () => {
    const { rows } = await pgPool().query<{ verdict: string; servedTier: string; shadowTier: string; policy: string; request: string | null }>(
      `SELECT s.verdict, s."servedTier", s."shadowTier", s."policyName" AS policy, r.id AS request FROM "ShadowPair" s LEFT JOIN "RequestLog" r ON r.id = s."requestId" WHERE s."isDemo"`,
    );
    const support = await count(`SELECT count(*) AS n FROM "RequestLog" WHERE "isDemo" AND "policyName" = 'support-desk' AND status = 'ok' AND "tierName" = 'fast'`);
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(0.1 * support); // 5% of answers, dataset prompts only
    expect(rows.every((r) => r.policy === "support-desk" && r.servedTier === "fast" && r.shadowTier === "capable" && r.request !== null)).toBe(true);
    expect(new Set(rows.map((r) => r.verdict))).toContain("tie");
  });

  it("is deterministic for a seed and end time", async () => {
    const { rows } = await pgPool().query<{ id: string }>(`SELECT id FROM "RequestLog" WHERE "isDemo" ORDER BY id LIMIT 5`);
    const again = await backfillDemoTraffic({ config: demoGatewayConfig(), end: END, requests: 3000, seed: 7 });
    expect(again.requests).toBe(backfill.requests);
    // Same ids: the second run inserted nothing new (ON CONFLICT DO NOTHING) and rollups did not double.
    expect(await count(`SELECT count(*) AS n FROM "RequestLog" WHERE "isDemo"`)).toBe(backfill.requests);
    expect(await count(`SELECT coalesce(sum(requests), 0) AS n FROM "RequestRollup" WHERE "isDemo"`)).toBe(backfill.requests);
    expect((await pgPool().query<{ id: string }>(`SELECT id FROM "RequestLog" WHERE "isDemo" ORDER BY id LIMIT 5`)).rows).toEqual(rows);
  });
});

describe("GET /api/admin/overview", () => {
  it("answers every role with buckets, tier and stage shares, savings and latency", async () => {
    const res = await get(overviewRoute, `/api/admin/overview?${range(END - WEEK, END)}`, "reviewer");
    expect(res.status).toBe(200);
    const o = await res.json();
    expect(o.range).toMatchObject({ bucket: "1h", source: "rollup" });
    expect(o.points).toHaveLength(168);
    expect(o.totals.requests).toBe(backfill.requests);
    expect(o.totals.savedUsd).toBeGreaterThan(0);
    expect(o.tiers).toEqual(expect.arrayContaining(["fast", "capable"]));
    expect(o.latency.find((l: { tier: string }) => l.tier === "capable").p95Ms).toBeGreaterThan(o.latency.find((l: { tier: string }) => l.tier === "fast").p50Ms);
    const sumByTier = o.points.reduce((s: number, p: { byTier: Record<string, number> }) => s + Object.values(p.byTier).reduce((a, b) => a + b, 0), 0);
    expect(sumByTier).toBe(backfill.requests);
  });

  it("reads a short range from raw rows in 5-minute buckets, agreeing with the rollups", async () => {
    const from = END - 2 * 86_400_000 + 14 * 3_600_000;
    const raw = await (await get(overviewRoute, `/api/admin/overview?${range(from, from + 3_600_000)}`, "ops")).json();
    const hourly = await (await get(overviewRoute, `/api/admin/overview?${range(from, from + 3_600_000)}&bucket=1h`, "ops")).json();
    expect(raw.range).toMatchObject({ bucket: "5m", source: "raw" });
    expect(raw.points).toHaveLength(12);
    expect(raw.totals.requests).toBe(hourly.totals.requests);
    expect(raw.totals.costUsd).toBeCloseTo(hourly.totals.costUsd, 9);
  });

  it("refuses bad ranges with 400 and anonymous callers with 401", async () => {
    expect((await get(overviewRoute, `/api/admin/overview?${range(END, END - 1000)}`, "admin")).status).toBe(400);
    expect((await get(overviewRoute, `/api/admin/overview?from=yesterday&to=now`, "admin")).status).toBe(400);
    expect((await get(overviewRoute, `/api/admin/overview?${range(END - WEEK, END)}&bucket=5m`, "admin")).status).toBe(400);
    expect((await overviewRoute(jsonRequest("GET", `/api/admin/overview?${range(END - WEEK, END)}`))).status).toBe(401);
  });
});

describe("GET /api/admin/drift", () => {
  it("shows the mid-week drift day as a PSI spike against the first half of the range", async () => {
    const res = await get(driftRoute, `/api/admin/drift?${range(END - WEEK, END)}&window=1d`, "owner");
    expect(res.status).toBe(200);
    const d = await res.json();
    expect(d.windows).toHaveLength(7);
    expect(d.baseline.mode).toBe("first-half");
    const driftDay = d.windows[3]; // the day from END-4d to END-3d
    const quiet = d.windows[5];
    expect(driftDay.tierPsi).toBeGreaterThan(quiet.tierPsi);
    expect(driftDay.scorePsi).toBeGreaterThan(quiet.scorePsi);
    expect(driftDay.tierShares.capable).toBeGreaterThan(quiet.tierShares.capable);
    expect(d.current.tierPsi).not.toBeNull();
    expect(d.windows.reduce((s: number, w: { misroute: { labeled: number } }) => s + w.misroute.labeled, 0)).toBeGreaterThan(0);
    // One Rate per number: the KPI's rate, its n and its window travel together (the subtitle and chart read the same object).
    const cost = d.current.misroute.cost;
    expect(cost).toEqual({ rate: expect.any(Number), n: d.current.misroute.randomLabeled, window: { from: d.current.from, to: d.current.to } });
    expect(d.current.misroute.costAll.n).toBe(d.current.misroute.labeled);
    expect(driftDay.misroute.quality.window).toEqual({ from: driftDay.t, to: d.windows[4].t });
  });

  it("takes a custom baseline and validates it", async () => {
    const custom = `baseline=custom&baselineFrom=${new Date(END - WEEK).toISOString()}&baselineTo=${new Date(END - 5 * 86_400_000).toISOString()}`;
    const d = await (await get(driftRoute, `/api/admin/drift?${range(END - WEEK, END)}&${custom}`, "ops")).json();
    expect(d.baseline.from).toBe(new Date(END - WEEK).toISOString());
    expect((await get(driftRoute, `/api/admin/drift?${range(END - WEEK, END)}&baseline=custom`, "ops")).status).toBe(400);
    expect((await get(driftRoute, `/api/admin/drift?${range(END - WEEK, END)}&window=5m`, "ops")).status).toBe(400);
  });

  it("is refused to reviewers (403)", async () => {
    expect((await get(driftRoute, `/api/admin/drift?${range(END - WEEK, END)}`, "reviewer")).status).toBe(403);
  });
});

describe("alerts", () => {
  const put = (body: unknown, role: Role) => putAlertsRoute(jsonRequest("PUT", "/api/admin/alerts", { body, cookie: cookies[role], origin: "http://localhost:3000" }));

  it("stores thresholds (ops), audits them, and the firing list follows", async () => {
    const now = Date.now();
    const ids = Array.from({ length: 4 }, (_, i) => uuidv7(now - 60_000 * (i + 1)));
    nowRows.push(...ids);
    await insertRequestLogs(
      ids.map((id, i) => ({ id, createdAt: new Date(now - 60_000 * (i + 1)), stage: "classifier", status: i === 0 ? "error" : "ok", decision: {}, latency: {}, tierName: "fast", policyName: "default" })),
    );
    const low = { ...DEFAULT_ALERT_SETTINGS, errorRate: { enabled: true, above: 0 }, minRequests: 1 };
    const res = await put(low, "ops");
    expect(res.status).toBe(200);
    const { status } = await res.json();
    expect(status.firing.map((f: { metric: string }) => f.metric)).toContain("errorRate");
    // The alert table shows each rate with its n and window: the error rate over the last windowHours, label rates over baselineDays.
    expect(status.rates.errorRate).toMatchObject({ rate: status.values.errorRate, window: status.window });
    expect(status.rates.errorRate.n).toBe(status.requests);
    expect(status.rates.misrouteCost.n).toBe(status.randomLabels);
    expect(Date.parse(status.rates.misrouteCost.window.to) - Date.parse(status.rates.misrouteCost.window.from)).toBe(low.baselineDays * 86_400_000);
    const firing = await (await get(firingRoute, "/api/admin/alerts/firing", "reviewer")).json();
    expect(firing.firing.map((f: { metric: string }) => f.metric)).toContain("errorRate");
    expect((await listAudit({ targetType: "setting", targetId: "alerts.thresholds" }))[0]!.action).toBe("alerts.update");

    await put({ ...low, errorRate: { enabled: false, above: 0 } }, "admin");
    const after = await (await get(firingRoute, "/api/admin/alerts/firing", "owner")).json();
    expect(after.firing.map((f: { metric: string }) => f.metric)).not.toContain("errorRate");
    const read = await (await get(alertsRoute, "/api/admin/alerts", "owner")).json();
    expect(read.settings.errorRate).toEqual({ enabled: false, above: 0 });
  });

  it("validates thresholds (400) and lets only config managers change them (403)", async () => {
    const bad = await put({ ...DEFAULT_ALERT_SETTINGS, tierPsi: { enabled: true, above: -1 } }, "admin");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues[0].path).toBe("tierPsi.above");
    expect((await put(DEFAULT_ALERT_SETTINGS, "owner")).status).toBe(403);
    expect((await get(alertsRoute, "/api/admin/alerts", "reviewer")).status).toBe(403);
  });
});

describe("requests API roles", () => {
  it("refuses owners, lists for ops and reviewers with filters", async () => {
    expect((await get(requestsRoute, "/api/admin/requests", "owner")).status).toBe(403);
    expect((await get(requestsRoute, `/api/admin/requests?${range(END - WEEK, END)}&limit=1`, "reviewer")).status).toBe(200);
    const res = await get(requestsRoute, `/api/admin/requests?${range(END - WEEK, END)}&stage=escalation&limit=5`, "ops");
    const page = await res.json();
    expect(page.items).toHaveLength(5);
    expect(page.items.every((r: { stage: string; isDemo: boolean }) => r.stage === "escalation" && r.isDemo)).toBe(true);
    expect(page.nextCursor).toBe(`${Date.parse(page.items[4].createdAt)}_${page.items[4].id}`);
    const detail = await requestRoute(jsonRequest("GET", `/api/admin/requests/${page.items[0].id}`, { cookie: cookies.ops }), routeParams({ id: page.items[0].id }));
    const { request } = await detail.json();
    expect(request.latency.attempts.length).toBeGreaterThanOrEqual(2);
    expect(request.prompt).toBeTruthy();
    expect(Array.isArray(request.policyTiers)).toBe(true); // the Label control's tier choices, cheapest first (the demo policies are not in this database)
    const reviewer = await requestRoute(jsonRequest("GET", `/api/admin/requests/${page.items[0].id}`, { cookie: cookies.reviewer }), routeParams({ id: page.items[0].id }));
    expect(reviewer.status).toBe(200);
  });
});

describe("DELETE /api/admin/demo-data", () => {
  it("removes exactly the demo rows, their labels and rollups", async () => {
    const at = END - 3_600_000;
    await insertRequestLogs([{ id: uuidv7(at), createdAt: new Date(at), stage: "classifier", status: "ok", decision: {}, latency: {}, tierName: "fast", policyName: "default" }]);
    const realBefore = await count(`SELECT count(*) AS n FROM "RequestLog" WHERE NOT "isDemo"`);
    const del = (role: Role) => deleteDemoRoute(jsonRequest("DELETE", "/api/admin/demo-data", { cookie: cookies[role], origin: "http://localhost:3000" }));
    expect((await del("reviewer")).status).toBe(403);
    expect((await del("owner")).status).toBe(403);
    expect((await (await get(demoCountRoute, "/api/admin/demo-data", "reviewer")).json()).requests).toBe(backfill.requests);
    const res = await del("ops");
    expect(res.status).toBe(200);
    expect((await res.json()).removed.requests).toBe(backfill.requests);
    expect(await count(`SELECT count(*) AS n FROM "RequestLog" WHERE "isDemo"`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM "RequestRollup" WHERE "isDemo"`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM "Label" l WHERE l.note = 'Demo label'`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM "ShadowPair" WHERE "isDemo"`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM "RequestLog" WHERE NOT "isDemo"`)).toBe(realBefore);
    const o = await (await get(overviewRoute, `/api/admin/overview?${range(END - WEEK, END)}`, "admin")).json();
    expect(o.totals.requests).toBe(1); // only the real row of that hour is left
  });
});
