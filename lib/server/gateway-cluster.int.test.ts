import http from "node:http";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { applyConfig } from "../config/apply-config";
import { runCli, spawnGateway, type GatewayProcess } from "../testing/spawn-gateway";
import type { UpstreamServer } from "../testing/upstreams/http-helpers";
import { startOpenAiUpstream } from "../testing/upstreams/openai-upstream";

const databaseUrl = inject("databaseUrl");
let upstream: UpstreamServer;
let gateway: GatewayProcess;
let key: string;

beforeAll(async () => {
  upstream = await startOpenAiUpstream();
  await applyConfig(
    {
      tiers: [{ name: "cluster-fast", provider: "openai", baseUrl: `${upstream.url}/v1`, model: "small-model" }],
      policies: [{ name: "cluster-policy", tiers: ["cluster-fast"] }],
    },
    { prune: false, actor: { id: null, email: "test" }, can: () => true },
  );
  key = (await runCli(["keys", "create", "--name", "cluster-test", "--policy", "cluster-policy"], databaseUrl)).trim();
  gateway = await spawnGateway(databaseUrl, { GATEWAY_WORKERS: "2" });
}, 60_000);

afterAll(async () => {
  await gateway?.stop();
  await upstream?.close();
});

/** One request on a connection of its own (the primary hands each new connection to the next worker). */
function request(method: "GET" | "POST", path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const url = new URL(path, gateway.url);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { hostname: url.hostname, port: url.port, path: url.pathname, method, agent: false, headers: { authorization: `Bearer ${key}`, "content-type": "application/json", connection: "close" } },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text || "{}") }));
      },
    );
    req.on("error", reject);
    req.setTimeout(5_000, () => req.destroy(new Error(`${method} ${path}: no answer in 5 s`)));
    req.end(payload);
  });
}

/** The worker pids answering readiness over `n` fresh connections. */
async function workerPids(n: number): Promise<Set<number>> {
  const pids = new Set<number>();
  for (let i = 0; i < n; i++) {
    const { status, json } = await request("GET", "/api/health/ready");
    expect(status).toBe(200);
    pids.add(json.pid as number);
  }
  return pids;
}

/** frontdesk_requests_total of this test's policy, as one scrape of /metrics reports it. */
async function requestsCounted(): Promise<number> {
  const url = new URL("/metrics", gateway.url);
  const text = await new Promise<string>((resolve, reject) => {
    http.get({ hostname: url.hostname, port: url.port, path: url.pathname, agent: false }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c));
      res.on("end", () => resolve(body));
    }).on("error", reject);
  });
  return text
    .split("\n")
    .filter((line) => line.startsWith("frontdesk_requests_total{") && line.includes('policy="cluster-policy"'))
    .reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0);
}

const chat = () => request("POST", "/api/v1/chat/completions", { model: "frontdesk/cluster-policy", messages: [{ role: "user", content: "hello from the cluster test" }] });

describe("npm run gateway with GATEWAY_WORKERS=2", () => {
  it("serves from two worker processes on one port, counts both in /metrics, and replaces a worker that dies", async () => {
    const before = await workerPids(8);
    expect(before.size).toBe(2);
    expect(before.has(gateway.pid)).toBe(false); // the primary only hands out connections

    const answers = await Promise.all(Array.from({ length: 10 }, chat));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    // /metrics answers for the instance: both workers' requests, whichever worker is scraped
    for (let i = 0; i < 2; i++) expect(await requestsCounted()).toBe(10);

    const [victim] = [...before];
    process.kill(victim!, "SIGKILL");
    const deadline = Date.now() + 30_000;
    let after = new Set<number>();
    while (Date.now() < deadline) {
      // a connection handed to the worker as it died is lost with it: the loop only waits for the new one
      after = await workerPids(6).catch(() => new Set<number>());
      if (after.size === 2 && !after.has(victim!)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(after.size).toBe(2);
    expect(after.has(victim!)).toBe(false);
    expect(gateway.output()).toMatch(new RegExp(`worker ${victim} exited \\(SIGKILL\\): starting another`));

    // after the restart every request is answered, whichever worker takes it
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await chat()).status);
    expect(statuses).toEqual(Array(20).fill(200));
  }, 60_000);

  it("stops every worker on SIGTERM, flushing each one's request log", async () => {
    const code = await gateway.stop();
    expect(code).toBe(0);
    expect(gateway.output().match(/request log flushed/g)?.length).toBe(2);
  }, 30_000);
});
