import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "../../app/api/health/route";
import { resetEnvCache } from "../env";
import { jsonRequest, signedIn } from "../testing/requests";
import { encodeLogEntry, type RequestLogInsert } from "../db/request-log-repo";
import { gatewayRuntime } from "./gateway-runtime";
import { entryBytes, LocalLogSink } from "./request-log-sink";
import { uuidv7 } from "./uuidv7";

// The request-log queue is bounded by bytes as well as rows (REQUEST_LOG_QUEUE_MAX_BYTES): a few
// rows with large prompts cannot hold unbounded memory while the database is slow or down.

const before = process.env.REQUEST_LOG_QUEUE_MAX_BYTES;
beforeAll(() => {
  process.env.REQUEST_LOG_QUEUE_MAX_BYTES = String(1024 * 1024);
  resetEnvCache();
});
afterAll(async () => {
  await gatewayRuntime().stop();
  if (before === undefined) delete process.env.REQUEST_LOG_QUEUE_MAX_BYTES;
  else process.env.REQUEST_LOG_QUEUE_MAX_BYTES = before;
  resetEnvCache();
});

const row = (prompt: string): RequestLogInsert => ({ id: uuidv7(), stage: "rule", status: "ok", decision: {}, latency: {}, prompt, response: "ok" });

describe("the request-log queue's byte bound", () => {
  it("counts a queued row by its line's length (and its rollup facts), and drops the oldest rows past REQUEST_LOG_QUEUE_MAX_BYTES, counted in /api/health", async () => {
    const big = row("x".repeat(600_000));
    expect(entryBytes(encodeLogEntry(big, new Date()))).toBeGreaterThan(600_000);
    const writer = gatewayRuntime().requestLog;
    expect(writer).toBeInstanceOf(LocalLogSink); // in this process (the thread's bound on rows in transit: request-log-sink.int.test.ts)
    writer.push(big);
    writer.push(row("y".repeat(600_000))); // ~1.2 MB queued > 1 MiB: the first goes
    expect(writer.stats()).toMatchObject({ queued: 1, dropped: 1 });
    expect(writer.stats().queuedBytes).toBeLessThanOrEqual(1024 * 1024);
    writer.push(row("z".repeat(1_100_000))); // larger than the whole bound: dropped itself
    expect(writer.stats()).toMatchObject({ queued: 1, dropped: 2 });
    const res = await health(jsonRequest("GET", "/api/health", { cookie: (await signedIn("ops")).cookie }));
    const body = await res.json();
    expect(body.requestLog).toMatchObject({ dropped: 2, queued: writer.stats().queued, queuedBytes: writer.stats().queuedBytes }); // the row may be written by now
    expect(body.pins).toEqual({ shared: false, sharedStoreErrors: 0 });
  });
});
