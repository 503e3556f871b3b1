import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { GET as classifierRoute } from "../../app/api/admin/classifiers/[id]/route";
import { POST as promoteRoute } from "../../app/api/admin/classifiers/[id]/promote/route";
import { POST as datasetsRoute } from "../../app/api/admin/datasets/route";
import { GET as jobRoute } from "../../app/api/admin/jobs/[id]/route";
import { POST as cancelRoute } from "../../app/api/admin/jobs/[id]/cancel/route";
import { POST as startRoute } from "../../app/api/admin/jobs/route";
import { POST as rollbackRoute } from "../../app/api/admin/policies/[name]/classifier/rollback/route";
import { POST as signInRoute } from "../../app/api/auth/sign-in/route";
import { applyConfig } from "../config/apply-config";
import { listAudit } from "../db/audit-repo";
import { db } from "../db/prisma";
import { loadGatewayConfig } from "../config/load-gateway-config";
import { stopQueueClient } from "./queue";
import { startWorker } from "./worker";
import { spawn, type ChildProcess } from "node:child_process";
import { cookieFrom, jsonRequest, makeUser, routeParams } from "../testing/requests";

const POLICY = "jobs-policy";
let cookie: string;
let datasetId: string;
let bigDatasetId: string;
let worker: { stop(): Promise<void> } | null = null;

const job = async (id: string) => (await (await jobRoute(jsonRequest("GET", `/api/admin/jobs/${id}`, { cookie }), routeParams({ id }))).json()).job;
const start = (body: unknown) => startRoute(jsonRequest("POST", "/api/admin/jobs", { body, cookie }));

async function waitFor(id: string, done: (j: { status: string; progress: number }) => boolean, timeoutMs = 90_000) {
  const seen: Array<{ status: string; phase: string; progress: number }> = [];
  const end = Date.now() + timeoutMs;
  for (;;) {
    const j = await job(id);
    seen.push({ status: j.status, phase: j.phase, progress: j.progress });
    if (done(j)) return { job: j, seen };
    if (Date.now() > end) throw new Error(`job ${id} stuck: ${JSON.stringify(seen.slice(-3))}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  await applyConfig(
    {
      tiers: [
        { name: "jobs-fast", provider: "simulated", model: "llama-3.2-3b-instruct", inputUsdPerMTok: 0.06, outputUsdPerMTok: 0.06 },
        { name: "jobs-capable", provider: "simulated", model: "llama-3.3-70b-instruct", inputUsdPerMTok: 0.88, outputUsdPerMTok: 0.88 },
        { name: "jobs-gemma", provider: "simulated", model: "gemma-2-9b-it", inputUsdPerMTok: 0.1, outputUsdPerMTok: 0.1 },
        { name: "jobs-nemotron", provider: "simulated", model: "llama-3.3-nemotron-super-49b-v1", inputUsdPerMTok: 0.9, outputUsdPerMTok: 0.9 },
      ],
      policies: [
        { name: POLICY, tiers: ["jobs-fast", "jobs-capable"] },
        { name: "jobs-dcrouter", tiers: ["jobs-gemma", "jobs-nemotron"] },
      ],
    },
    { actor: { id: null, email: "test" }, can: () => true },
  );
  const ops = await makeUser("ops");
  cookie = cookieFrom(await signInRoute(jsonRequest("POST", "/api/auth/sign-in", { body: { email: ops.email, password: ops.password } })));
  const text = readFileSync("data/routing/routeprofile.jsonl", "utf8") + "\nnot json\n{\"id\": 1}\n";
  const res = await datasetsRoute(new Request(`http://localhost:3000/api/admin/datasets?name=routeprofile-${Date.now()}`, { method: "POST", headers: { cookie, host: "localhost:3000", "content-type": "application/x-ndjson" }, body: text }));
  expect(res.status).toBe(201);
  const imported = await res.json();
  expect(imported).toMatchObject({ imported: 600, rejected: 2 });
  expect(imported.errors.map((e: { line: number }) => e.line)).toEqual([602, 603]);
  datasetId = imported.dataset.id;
  const big = await datasetsRoute(
    new Request(`http://localhost:3000/api/admin/datasets?name=dcrouter-${Date.now()}`, { method: "POST", headers: { cookie, host: "localhost:3000" }, body: readFileSync("data/routing/dcrouter-train.jsonl", "utf8") }),
  );
  bigDatasetId = (await big.json()).dataset.id;
  worker = await startWorker(() => {});
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await stopQueueClient();
  await db.dataset.deleteMany({ where: { id: { in: [datasetId, bigDatasetId].filter(Boolean) } } });
});

describe("retraining jobs", () => {
  let candidateId: string;

  it("runs a job with progress by phase, stores a candidate beside the active classifier's metrics", async () => {
    const res = await start({ policy: POLICY, datasets: [datasetId], includeLabels: false, includeEscalations: false, seed: 7 });
    expect(res.status).toBe(201);
    const { job: created } = await res.json();
    expect(created.status).toBe("queued");
    const { job: done, seen } = await waitFor(created.id, (j) => j.status === "succeeded" || j.status === "failed");
    expect(done.status).toBe("succeeded");
    expect(seen.some((s) => s.status === "running" && s.progress > 0 && s.progress < 1)).toBe(true);
    expect(new Set(seen.map((s) => s.phase)).size).toBeGreaterThan(2);
    candidateId = done.result.classifierVersionId;
    const version = (await (await classifierRoute(jsonRequest("GET", `/api/admin/classifiers/${candidateId}`, { cookie }), routeParams({ id: candidateId }))).json()).version;
    expect(version.status).toBe("candidate");
    expect(version.metrics.holdoutSize).toBeGreaterThan(100);
    for (const side of ["candidate", "active"]) {
      expect(version.metrics[side].apgr).toEqual(expect.any(Number));
      expect(version.metrics[side].curve.length).toBeGreaterThan(5);
    }
    expect(version.metrics.active.kind).toBe("heuristic");
  }, 120_000);

  it("promotes atomically (the gateway's snapshot switches) and rolls back, both audited", async () => {
    const promote = await promoteRoute(jsonRequest("POST", `/api/admin/classifiers/${candidateId}/promote`, { cookie }), routeParams({ id: candidateId }));
    expect(promote.status).toBe(200);
    const policy = await db.policy.findUniqueOrThrow({ where: { name: POLICY } });
    expect(policy.activeClassifierVersionId).toBe(candidateId);
    expect((await loadGatewayConfig()).snapshot.classifiers.get(POLICY)?.kind).toBe("trained");
    const again = await promoteRoute(jsonRequest("POST", `/api/admin/classifiers/${candidateId}/promote`, { cookie }), routeParams({ id: candidateId }));
    expect(again.status).toBe(409);

    const rollback = await rollbackRoute(jsonRequest("POST", `/api/admin/policies/${POLICY}/classifier/rollback`, { cookie }), routeParams({ name: POLICY }));
    expect(rollback.status).toBe(200);
    expect((await db.policy.findUniqueOrThrow({ where: { name: POLICY } })).activeClassifierVersionId).toBeNull();
    expect((await db.classifierVersion.findUniqueOrThrow({ where: { id: candidateId } })).status).toBe("retired");
    expect((await loadGatewayConfig()).snapshot.classifiers.get(POLICY)).toBeUndefined();
    const actions = (await listAudit({ targetType: "policy", targetId: policy.id })).map((a) => a.action);
    expect(actions.slice(0, 2)).toEqual(["classifier.rollback", "classifier.promote"]);
  });

  it("cancels a running job within seconds and stores nothing", async () => {
    // A larger dataset (5,608 rows) so that training is still going when the cancel arrives.
    const { job: created } = await (await start({ policy: "jobs-dcrouter", datasets: [bigDatasetId], includeLabels: false, includeEscalations: false, seed: 8 })).json();
    await waitFor(created.id, (j) => j.status === "running" && j.progress > 0.05);
    const cancel = await cancelRoute(jsonRequest("POST", `/api/admin/jobs/${created.id}/cancel`, { cookie }), routeParams({ id: created.id }));
    expect(cancel.status).toBe(200);
    const { job: after } = await waitFor(created.id, (j) => j.status !== "running", 10_000);
    expect(after.status).toBe("cancelled");
    await new Promise((r) => setTimeout(r, 1500));
    expect(await db.classifierVersion.count({ where: { jobId: created.id } })).toBe(0);
    expect((await job(created.id)).status).toBe("cancelled");
  }, 120_000);

  it("refuses bad payloads and roles", async () => {
    expect((await start({ policy: "no-such-policy", datasets: [datasetId] })).status).toBe(400);
    expect((await start({ policy: POLICY, holdout: 0.9 })).status).toBe(400);
    expect((await start({ policy: POLICY, datasets: ["00000000-0000-7000-8000-000000000000"] })).status).toBe(400);
    const noSource = await start({ policy: POLICY, includeLabels: false, includeEscalations: false, includeShadow: false });
    expect(noSource.status).toBe(400);
    expect((await noSource.json()).error.issues).toEqual([{ path: "datasets", message: "Choose at least one data source." }]);
    const reviewer = await makeUser("reviewer");
    const rc = cookieFrom(await signInRoute(jsonRequest("POST", "/api/auth/sign-in", { body: { email: reviewer.email, password: reviewer.password } })));
    expect((await startRoute(jsonRequest("POST", "/api/admin/jobs", { body: { policy: POLICY }, cookie: rc }))).status).toBe(403);
  });

  it("retries a job whose worker was killed mid-way on another worker, storing one candidate", async () => {
    await worker!.stop();
    worker = null;
    const spawnWorker = (): ChildProcess =>
      spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
        env: { ...process.env, DATABASE_URL: inject("databaseUrl"), JOB_HEARTBEAT_TIMEOUT_MS: "3000" },
        stdio: "ignore",
      });
    const first = spawnWorker();
    let second: ChildProcess | null = null;
    try {
      // The larger dataset, so the first worker is still training when it is killed (on the small
      // one it could finish between two polls, seen once).
      const { job: created } = await (await start({ policy: "jobs-dcrouter", datasets: [bigDatasetId], includeLabels: false, includeEscalations: false, seed: 9 })).json();
      await waitFor(created.id, (j) => j.status === "running" && j.progress > 0.05);
      first.kill("SIGKILL");
      second = spawnWorker();
      const { job: done } = await waitFor(created.id, (j) => j.status === "succeeded" || j.status === "failed", 150_000);
      expect(done.status).toBe("succeeded");
      expect(done.attempts).toBeGreaterThanOrEqual(2);
      expect(await db.classifierVersion.count({ where: { jobId: created.id } })).toBe(1);
    } finally {
      // Also when the test fails: no worker may outlive it.
      first.kill("SIGKILL");
      second?.kill("SIGTERM");
    }
  }, 180_000);
});
