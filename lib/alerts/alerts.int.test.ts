import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createRoute, GET as listRoute } from "../../app/api/admin/alert-channels/route";
import { PATCH as patchRoute } from "../../app/api/admin/alert-channels/[id]/route";
import { POST as testRoute } from "../../app/api/admin/alert-channels/[id]/test/route";
import { GET as deliveriesRoute } from "../../app/api/admin/alert-deliveries/route";
import { GET as healthRoute } from "../../app/api/admin/upstream-health/route";
import { pruneAlertRows } from "../db/alert-episode-repo";
import { db } from "../db/prisma";
import { resetEnvCache } from "../env";
import { DEFAULT_ALERT_SETTINGS } from "../monitoring/alert-settings";
import { writeAlertSettings } from "../monitoring/manage-alert-settings";
import { startSmtpSink, startWebhookReceiver, type WebhookReceiver } from "../testing/alert-receivers";
import { flushRequestLog, startGatewayHarness, TEST_ACTOR, type Harness } from "../testing/gateway-harness";
import { jsonRequest, routeParams, signedIn, TEST_ORIGIN } from "../testing/requests";
import type { AlertMessage } from "./alert-message";
import { deliverDue } from "./deliver-alerts";
import { startAlertLoops } from "./alert-loop";
import { evaluateAlerts } from "./evaluate-alerts";

// Alerts end to end with real receivers: real gateway traffic to an upstream that fails until the
// tier's breaker opens, the drift thresholds firing on real rollups, evaluation run several times,
// deliveries to a signed webhook, a Slack-shaped receiver and an SMTP sink, retries after a 500.

const SECRET = "s3cret-signing-key-for-tests";
let h: Harness;
let hook: WebhookReceiver;
let slack: WebhookReceiver;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let admin: string;
let ops: string;
const channels: Record<string, string> = {};

const post = (handler: (req: Request, ctx: never) => Promise<Response>, path: string, body: unknown, cookie = admin, params?: unknown) =>
  handler(jsonRequest("POST", path, { body, cookie, origin: TEST_ORIGIN }), (params ? routeParams(params) : undefined) as never);

/** Delivers until nothing is pending (retries included: the backoff is tiny in these tests). */
async function drain() {
  for (let i = 0; i < 200; i++) {
    await deliverDue();
    if ((await db.alertDelivery.count({ where: { status: "pending" } })) === 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("deliveries still pending");
}

const messages = (r: WebhookReceiver, key: string) => r.posts.filter((p) => (p.json as AlertMessage & { text?: string })?.key === key);

beforeAll(async () => {
  process.env.ALERTS_RETRY_BASE_MS = "20";
  resetEnvCache();
  [hook, slack, smtp] = await Promise.all([startWebhookReceiver(), startWebhookReceiver(), startSmtpSink()]);
  process.env.SMTP_URL = smtp.url;
  resetEnvCache();
  await db.alertDelivery.deleteMany();
  await db.alertEpisode.deleteMany();
  await db.alertChannel.deleteMany();
  admin = (await signedIn("admin")).cookie;
  ops = (await signedIn("ops")).cookie;
  h = await startGatewayHarness(({ openai }) => ({
    tiers: [
      { name: "flaky", provider: "openai", baseUrl: openai, model: "flaky-model+status=500", inputUsdPerMTok: 1, outputUsdPerMTok: 1 },
      { name: "steady", provider: "openai", baseUrl: openai, model: "steady-model", inputUsdPerMTok: 5, outputUsdPerMTok: 5 },
    ],
    policies: [
      { name: "falling", tiers: ["flaky", "steady"], rules: [{ name: "all", match: { regex: "." }, tier: "flaky" }] },
      { name: "failing", tiers: ["flaky"], rules: [{ name: "all", match: { regex: "." }, tier: "flaky" }] },
    ],
    defaultPolicy: "falling",
  }));
});

afterAll(async () => {
  await writeAlertSettings(TEST_ACTOR, DEFAULT_ALERT_SETTINGS);
  await db.alertChannel.deleteMany();
  await h?.close();
  await Promise.all([hook?.close(), slack?.close(), smtp?.close()]);
  delete process.env.SMTP_URL;
  delete process.env.ALERTS_RETRY_BASE_MS;
  resetEnvCache();
});

describe("channels", () => {
  it("are admin-only, validated, and never show their secret", async () => {
    const webhook = { name: "ops hook", kind: "webhook", target: `${hook.url}/hook`, secret: SECRET, kinds: ["drift", "breaker"] };
    expect((await post(createRoute, "/api/admin/alert-channels", webhook, ops)).status).toBe(403);
    const bad = await post(createRoute, "/api/admin/alert-channels", { ...webhook, target: "ftp://example.com/x", secret: undefined });
    expect(bad.status).toBe(400);
    const paths = (await bad.json()).error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["target", "secret"]));
    expect((await post(createRoute, "/api/admin/alert-channels", { ...webhook, target: "http://user:pw@127.0.0.1/x" })).status).toBe(400);
    expect((await post(createRoute, "/api/admin/alert-channels", { name: "mail", kind: "email", target: "ops@example.com, nope" })).status).toBe(400);

    const created = await post(createRoute, "/api/admin/alert-channels", webhook);
    expect(created.status).toBe(201);
    channels.hook = (await created.json()).channel.id;
    expect((await post(createRoute, "/api/admin/alert-channels", webhook)).status).toBe(409);
    const slackRes = await post(createRoute, "/api/admin/alert-channels", { name: "slack", kind: "slack", target: `${slack.url}/services/T0/B0/x`, kinds: ["breaker"] });
    channels.slack = (await slackRes.json()).channel.id;
    const mailRes = await post(createRoute, "/api/admin/alert-channels", { name: "mail", kind: "email", target: "ops@example.com, oncall@example.com", kinds: ["drift"] });
    channels.mail = (await mailRes.json()).channel.id;

    const list = await (await listRoute(jsonRequest("GET", "/api/admin/alert-channels", { cookie: admin }))).json();
    const listed = list.channels.find((c: { id: string }) => c.id === channels.hook);
    expect(listed.secretHint).toBe(`…${SECRET.slice(-4)}`);
    expect(JSON.stringify(list)).not.toContain(SECRET);
    const stored = await db.alertChannel.findUniqueOrThrow({ where: { id: channels.hook }, omit: { secret: false } });
    expect(stored.secret).toMatch(/^v1:/);
  });

  it("send a test that arrives signed and is logged", async () => {
    const res = await post(testRoute, `/api/admin/alert-channels/${channels.hook}/test`, {}, admin, { id: channels.hook });
    const body = await res.json();
    expect(body).toMatchObject({ ok: true, error: null, delivery: { status: "sent", attempts: 1, event: "test" } });
    const got = hook.posts.at(-1)!;
    expect(got.headers["x-frontdesk-signature"]).toBe(`sha256=${createHmac("sha256", SECRET).update(got.raw).digest("hex")}`);
    expect(Number(got.headers["x-frontdesk-timestamp"])).toBeGreaterThan(0);
    expect(got.json).toMatchObject({ event: "test", kind: "test" });

    const mail = await (await post(testRoute, `/api/admin/alert-channels/${channels.mail}/test`, {}, admin, { id: channels.mail })).json();
    expect(mail.ok).toBe(true);
    expect(smtp.messages.at(-1)!.to).toEqual(["ops@example.com", "oncall@example.com"]);
    expect(smtp.messages.at(-1)!.data).toContain("Subject: [Frontdesk] Test: Test message for channel mail");

    slack.answer(500);
    const failed = await (await post(testRoute, `/api/admin/alert-channels/${channels.slack}/test`, {}, admin, { id: channels.slack })).json();
    expect(failed).toMatchObject({ ok: false, error: "HTTP 500", delivery: { status: "failed", lastError: "HTTP 500" } });

    const log = await (await deliveriesRoute(jsonRequest("GET", "/api/admin/alert-deliveries?pageSize=2", { cookie: admin }))).json();
    expect(log.total).toBe(3);
    expect(log.items.map((d: { channel: { name: string } }) => d.channel.name)).toEqual(["slack", "mail"]);
    const mailOnly = await (await deliveriesRoute(jsonRequest("GET", `/api/admin/alert-deliveries?channel=${channels.mail}`, { cookie: admin }))).json();
    expect(mailOnly).toMatchObject({ total: 1, items: [{ channel: { name: "mail" }, status: "sent" }] });
    expect((await deliveriesRoute(jsonRequest("GET", "/api/admin/alert-deliveries?channel=nope", { cookie: admin }))).status).toBe(400);
    expect((await deliveriesRoute(jsonRequest("GET", "/api/admin/alert-deliveries", { cookie: ops }))).status).toBe(403);
  });

  it("refuse a change that breaks their rules; an unknown id is 404", async () => {
    const res = await patchRoute(jsonRequest("PATCH", "/x", { body: { target: "not a url" }, cookie: admin, origin: TEST_ORIGIN }), routeParams({ id: channels.hook }));
    expect(res.status).toBe(400);
    const missing = await patchRoute(jsonRequest("PATCH", "/x", { body: { enabled: false }, cookie: admin, origin: TEST_ORIGIN }), routeParams({ id: "00000000-0000-7000-8000-000000000000" }));
    expect(missing.status).toBe(404);
  });
});

describe("a breaker opening", () => {
  it("reaches the webhook and Slack once, signed, however often it is evaluated", async () => {
    const client = h.client(await h.key({ name: "alerts" }));
    for (let i = 0; i < 6; i++) await client.chat.completions.create({ model: "frontdesk/falling", messages: [{ role: "user", content: `hi ${i}` }] });
    await flushRequestLog();
    for (let i = 0; i < 100 && !(await db.breakerTransition.findFirst({ where: { tier: "flaky", toState: "open" } })); i++) await new Promise((r) => setTimeout(r, 20));
    const opened = await db.breakerTransition.findFirstOrThrow({ where: { tier: "flaky", toState: "open" } });
    expect(opened).toMatchObject({ fromState: "closed", reason: "5 consecutive failure(s)" });

    // its first attempt fails (an alert of another key arriving first must not take the 500), then it is retried with backoff
    hook.answerFor("breaker:flaky", 500);
    for (let i = 0; i < 3; i++) expect(await evaluateAlerts()).not.toBeNull();
    await drain();
    const fired = messages(hook, "breaker:flaky");
    expect(fired.map((p) => p.status)).toEqual([500, 200]);
    expect(fired[0]!.headers["x-frontdesk-delivery"]).toBe(fired[1]!.headers["x-frontdesk-delivery"]);
    for (const p of fired) expect(p.headers["x-frontdesk-signature"]).toBe(`sha256=${createHmac("sha256", SECRET).update(p.raw).digest("hex")}`);
    expect(fired[1]!.json).toMatchObject({ event: "fired", kind: "breaker", title: "Circuit breaker of tier flaky is open" });
    expect(slack.posts.filter((p) => (p.json as { text: string }).text.includes("tier flaky is open"))).toHaveLength(1);
    expect(smtp.messages.filter((m) => m.data.includes("flaky"))).toHaveLength(0); // the mail channel takes drift only

    const rows = await db.alertDelivery.findMany({ where: { episodeKey: "breaker:flaky" }, include: { channel: true } });
    expect(rows.map((r) => [r.channel.name, r.status, r.attempts]).sort()).toEqual([["ops hook", "sent", 2], ["slack", "sent", 1]]);
  });

  it("shows on the upstream-health page (ops and admins): red row, breaker history, errors by class, last errors", async () => {
    const reviewer = (await signedIn("reviewer")).cookie;
    expect((await healthRoute(jsonRequest("GET", "/api/admin/upstream-health", { cookie: reviewer }))).status).toBe(403);
    expect((await healthRoute(jsonRequest("GET", "/api/admin/upstream-health?window=1", { cookie: ops }))).status).toBe(400);
    const health = await (await healthRoute(jsonRequest("GET", "/api/admin/upstream-health?window=15", { cookie: ops }))).json();
    const flaky = health.tiers.find((t: { tier: string }) => t.tier === "flaky");
    expect(flaky).toMatchObject({ verdict: "down", breaker: { state: "open" }, errors: 5, attempts: 5, errorRate: 1, byClass: { "5xx": 5, timeout: 0 } });
    expect(flaky.baseUrl).toBe(`${h.openai.url}/v1`);
    expect(flaky.history[0]).toMatchObject({ from: "closed", to: "open", reason: "5 consecutive failure(s)" });
    expect(flaky.lastErrors).toHaveLength(5);
    expect(flaky.lastErrors[0]).toMatchObject({ status: 500 });
    const steady = health.tiers.find((t: { tier: string }) => t.tier === "steady");
    expect(steady).toMatchObject({ verdict: "ok", errors: 0, attempts: 6, breaker: { state: "closed" } });
    expect(steady.p50Ms).toBeGreaterThan(0);
  });
});

describe("a breaker closing again", () => {
  it("resolves its episode once, even with two workers evaluating at the same moment", async () => {
    const instance = (await db.breakerTransition.findFirstOrThrow({ where: { tier: "flaky", toState: "open" } })).instance;
    await db.breakerTransition.create({ data: { tier: "flaky", fromState: "half-open", toState: "closed", reason: "a request succeeded", instance } });
    const results = await Promise.all([evaluateAlerts(), evaluateAlerts()]);
    expect(results.flatMap((r) => r?.resolved ?? []).filter((k) => k === "breaker:flaky")).toEqual(["breaker:flaky"]);
    await evaluateAlerts();
    await drain();
    expect(messages(hook, "breaker:flaky").filter((p) => p.status === 200).map((p) => (p.json as AlertMessage).event)).toEqual(["fired", "resolved"]);
    expect(slack.posts.filter((p) => (p.json as { text: string }).text.startsWith("✅ Resolved: Circuit breaker of tier flaky"))).toHaveLength(1);
  });
});

describe("a drift alert", () => {
  it("fires once, resolves with a message when it clears, and stays quiet through the cooldown", async () => {
    const failing = h.client(await h.key({ name: "failing" }));
    await failing.chat.completions.create({ model: "frontdesk/failing", messages: [{ role: "user", content: "x" }] }).catch(() => null);
    await flushRequestLog();
    await writeAlertSettings(TEST_ACTOR, { ...DEFAULT_ALERT_SETTINGS, errorRate: { enabled: true, above: 0 }, minRequests: 1 });
    for (let i = 0; i < 3; i++) await evaluateAlerts();
    await drain();
    expect(messages(hook, "drift:errorRate").map((p) => (p.json as AlertMessage).event)).toEqual(["fired"]);
    expect(smtp.messages.filter((m) => m.data.includes("Error rate"))).toHaveLength(1);

    await writeAlertSettings(TEST_ACTOR, { ...DEFAULT_ALERT_SETTINGS, errorRate: { enabled: false, above: 0 } });
    await evaluateAlerts();
    await evaluateAlerts();
    await drain();
    const events = messages(hook, "drift:errorRate").map((p) => p.json as AlertMessage);
    expect(events.map((e) => e.event)).toEqual(["fired", "resolved"]);
    expect(events[1]!.resolvedAt).not.toBeNull();

    await writeAlertSettings(TEST_ACTOR, { ...DEFAULT_ALERT_SETTINGS, errorRate: { enabled: true, above: 0 }, minRequests: 1 });
    await evaluateAlerts();
    await drain();
    expect(messages(hook, "drift:errorRate")).toHaveLength(2); // reopened within the cooldown: no new message
    expect(await db.alertEpisode.count({ where: { key: "drift:errorRate" } })).toBe(1);
  });
});

describe("the worker's loops", () => {
  it("tell a channel that takes every kind about a key at its budget and a failed job, on their own", async () => {
    const all = await post(createRoute, "/api/admin/alert-channels", { name: "everything", kind: "webhook", target: `${hook.url}/all`, secret: SECRET });
    expect((await all.json()).channel.kinds).toEqual([]);
    const capped = h.client(await h.key({ name: "alerts-capped", monthlyBudgetUsd: 0.000001 }));
    await capped.chat.completions.create({ model: "steady", messages: [{ role: "user", content: "spend it" }] });
    await flushRequestLog();
    const keyId = (await db.apiKey.findFirstOrThrow({ where: { name: "alerts-capped" } })).id; // a unique name: earlier test files share the database
    const job = await db.job.create({ data: { type: "retrain-classifier", status: "failed", payload: {}, error: "training diverged", finishedAt: new Date() } });

    process.env.ALERTS_EVALUATE_MS = "100";
    process.env.ALERTS_DELIVER_MS = "50";
    resetEnvCache();
    const loops = startAlertLoops(() => {});
    try {
      const arrived = () => hook.posts.filter((p) => p.path === "/all").map((p) => (p.json as AlertMessage).key);
      for (let i = 0; i < 750 && !(arrived().includes(`budget:${keyId}`) && arrived().includes(`job:${job.id}`)); i++) await new Promise((r) => setTimeout(r, 20));
      expect(arrived()).toEqual(expect.arrayContaining([`budget:${keyId}`, `job:${job.id}`]));
      const jobAlert = hook.posts.find((p) => (p.json as AlertMessage).key === `job:${job.id}`)!.json as AlertMessage;
      expect(jobAlert).toMatchObject({ kind: "job", event: "fired", title: "Job retrain-classifier failed" });
      expect(jobAlert.message).toContain("training diverged");
    } finally {
      await loops.stop();
      delete process.env.ALERTS_EVALUATE_MS;
      delete process.env.ALERTS_DELIVER_MS;
      resetEnvCache();
    }
    // Only the "everything" channel takes budget and job alerts.
    expect(hook.posts.filter((p) => p.path !== "/all" && /^(budget|job):/.test((p.json as AlertMessage).key))).toEqual([]);
  });

  it("prune old deliveries, resolved episodes and breaker transitions, never pending deliveries or open episodes", async () => {
    const future = new Date(Date.now() + 60_000);
    const pending = await db.alertDelivery.create({ data: { channelId: channels.hook!, kind: "test", episodeKey: "test", event: "test", payload: {}, nextAttemptAt: future } });
    expect(await pruneAlertRows(future)).toBeGreaterThan(0);
    expect(await db.alertDelivery.findMany({ select: { id: true } })).toEqual([{ id: pending.id }]);
    expect(await db.alertEpisode.count({ where: { resolvedAt: { not: null } } })).toBe(0);
    expect(await db.alertEpisode.count({ where: { resolvedAt: null } })).toBeGreaterThan(0);
    expect(await db.breakerTransition.count()).toBe(0);
  });
});
