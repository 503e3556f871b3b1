import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgPool } from "../db/pg-pool";
import type { RequestLogInsert } from "../db/request-log-repo";
// @ts-expect-error -- a plain ES module without types (run by `npm run gateway` before any loader)
import { compiledGateway, threadPath } from "../../scripts/lib/compile-gateway.mjs";
import { ThreadLogSink } from "./request-log-sink";
import { uuidv7 } from "./uuidv7";

// The request log written by a worker thread (ThreadLogSink): the thread compiled as
// `npm run gateway` compiles it, a real worker, real Postgres.

const POLICY = "log-thread-test";
const ids: string[] = [];
let file: string;
const dir = mkdtempSync(path.join(os.tmpdir(), "frontdesk-log-thread-"));

beforeAll(async () => {
  await compiledGateway();
  file = threadPath();
}, 60_000);

afterAll(async () => {
  await pgPool().query(`DELETE FROM "RequestLog" WHERE id = ANY($1::uuid[])`, [ids]);
  await pgPool().query(`DELETE FROM "RequestRollup" WHERE policy = $1`, [POLICY]);
  rmSync(dir, { recursive: true, force: true });
});

const row = (prompt: string): RequestLogInsert => {
  const id = uuidv7();
  ids.push(id);
  return { id, createdAt: new Date(), policyName: POLICY, stage: "rule", status: "ok", decision: { policy: POLICY, trace: [{ stage: "rules", detail: "≥ ünïcode" }] }, latency: { attempts: [] }, prompt, response: "ok" };
};

const stored = async (rows: RequestLogInsert[]) =>
  (await pgPool().query<{ id: string; prompt: string; decision: unknown }>(`SELECT id, prompt, decision FROM "RequestLog" WHERE id = ANY($1::uuid[]) ORDER BY id`, [rows.map((r) => r.id)])).rows;

describe("the request log's worker thread", () => {
  it("writes the rows pushed to it: flush waits for them, the numbers come from the thread, close writes the rest", async () => {
    const lines: string[] = [];
    const sink = new ThreadLogSink(file, {}, (line) => lines.push(line));
    expect(sink.writtenBy).toBe("thread");
    const rows = Array.from({ length: 25 }, (_, i) => row(`question ${i}`));
    for (const r of rows) sink.push(r);
    expect(sink.stats()).toMatchObject({ queued: 25, written: 0 }); // still in this thread
    await sink.flush();
    expect(sink.stats()).toMatchObject({ queued: 0, written: 25, dropped: 0, failedFlushes: 0 });
    const back = await stored(rows);
    expect(back).toHaveLength(25);
    expect(back.find((r) => r.id === rows[0]!.id)).toMatchObject({ prompt: "question 0", decision: rows[0]!.decision });

    const last = [row("just before close"), row("and another")];
    for (const r of last) sink.push(r);
    expect(await sink.close(5_000)).toMatchObject({ queued: 0, written: 27, dropped: 0 });
    expect(await stored(last)).toHaveLength(2);
    sink.push(row("after close")); // refused, and counted
    expect(sink.stats().dropped).toBe(1);
    expect(lines).toEqual([]);
  });

  it("writes in the main thread once its thread has died, counting the rows the thread held as dropped", async () => {
    const dying = path.join(dir, "dying.mjs");
    writeFileSync(dying, `import { parentPort } from "node:worker_threads";\nparentPort.once("message", () => process.exit(3));\n`);
    const lines: string[] = [];
    const sink = new ThreadLogSink(dying, {}, (line) => lines.push(line));
    sink.push(row("lost with the thread"));
    sink.push(row("lost too"));
    await sink.flush(); // the rows reach the thread, which exits on them
    expect(lines.join("\n")).toContain("request log thread exited (code 3); writing the log in the main thread from now on");
    expect(sink.writtenBy).toBe("main-thread");
    expect(sink.stats()).toMatchObject({ queued: 0, written: 0, dropped: 2 });

    const after = [row("written here"), row("and here")];
    for (const r of after) sink.push(r);
    await sink.flush();
    expect(await stored(after)).toHaveLength(2);
    expect(sink.stats()).toMatchObject({ queued: 0, written: 2, dropped: 2 });
    expect(await sink.close(5_000)).toMatchObject({ written: 2, dropped: 2 });
  });

  it("bounds the rows a thread has not taken, and stops a thread that does not answer a second after the close deadline, counting its rows as dropped", async () => {
    const stuck = path.join(dir, "stuck.mjs");
    writeFileSync(stuck, `import { parentPort } from "node:worker_threads";\nparentPort.on("message", () => {});\n`);
    const lines: string[] = [];
    const sink = new ThreadLogSink(stuck, { maxQueue: 3 }, (line) => lines.push(line));
    for (let i = 0; i < 5; i++) sink.push(row(`never written ${i}`));
    // the thread takes nothing: past maxQueue rows in transit, the newest are dropped
    expect(sink.stats()).toMatchObject({ queued: 3, dropped: 2 });
    const started = performance.now();
    expect(await sink.close(200)).toMatchObject({ queued: 0, written: 0, dropped: 5 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_150);
    expect(lines).toEqual([]); // stopped on purpose: no fallback to report
  });
});
