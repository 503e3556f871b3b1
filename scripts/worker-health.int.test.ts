import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, describe, expect, inject, it } from "vitest";

// `npm run worker` with WORKER_HEALTH_PORT: liveness and readiness for an orchestrator.

let worker: ChildProcess | null = null;

afterAll(() => {
  worker?.kill("SIGTERM");
});

function startWorker(): Promise<string> {
  worker = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    env: { ...process.env, DATABASE_URL: inject("databaseUrl"), WORKER_HEALTH_PORT: "0", HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /health on port (\d+)/.exec(output)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${port}`);
      }
    };
    worker!.stdout!.on("data", onData);
    worker!.stderr!.on("data", onData);
    worker!.once("exit", (code) => reject(new Error(`worker exited with ${code}:\n${output}`)));
  });
}

describe("the worker's health listener", () => {
  it("answers live and ready (Postgres reachable), and 404 for anything else", async () => {
    const url = await startWorker();
    const live = await fetch(`${url}/api/health/live`);
    expect([live.status, await live.json()]).toEqual([200, { status: "ok" }]);
    // the first ping also opens the database client (1 s budget): on a loaded machine it may report not ready yet
    let ready = [0, {}] as [number, unknown];
    for (let i = 0; i < 20 && ready[0] !== 200; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 500));
      const answer = await fetch(`${url}/api/health/ready`);
      ready = [answer.status, await answer.json()];
      if (answer.status !== 200) expect(ready).toEqual([503, { ready: false, status: "degraded", db: "down" }]);
    }
    expect(ready).toEqual([200, { ready: true, status: "ok", db: "ok" }]);
    expect((await fetch(`${url}/api/v1/models`)).status).toBe(404);
  });
});
