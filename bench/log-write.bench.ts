/**
 * Request-log write rate: the gateway's own writer (RequestLogWriter with the runtime's options,
 * rows encoded as COPY lines with their rollup facts when pushed, flushing through
 * insertRequestLogEntries on its own connections (synchronous_commit off) — COPY straight into the
 * partitioned table, then one statement that adds the batch's rollups, summed in JavaScript, and
 * touches the keys) kept full for BENCH_SECONDS (15) on
 * a fresh database. Rows look like the gateway's: a decision trace, latency attempts, scores, a
 * prompt and an answer of a few hundred characters. Prints rows/s written (target ≥ 10,000
 * sustained), per-second spread, and the flush time. Nothing is dropped unless the writer falls
 * behind its queue bound (printed). Uses DATABASE_URL's server or a temporary embedded Postgres.
 */
import { startEphemeralPostgres } from "../lib/db/embedded-postgres";
import { resetEnvCache } from "../lib/env";
import { createTestDatabase } from "../lib/testing/test-database";
import { percentile } from "./lib/load";
import { cpuMsWhere } from "./lib/proc-cpu";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
/** Rows waiting to be written that the producer keeps topped up (below the writer's drop bound). */
const BACKLOG = 20_000;
const POLICIES = ["default", "three-tier", "support"];
const TIERS = ["fast", "balanced", "capable"];

/** A decision as the gateway logs it (the classifier stage of the bench policy: trace, thresholds, propensities). */
function decisionOf(tier: string, p: number, reason: string, scores: object, i: number) {
  const step = (stage: string, outcome: string, detail: string, micros: number) => ({ stage, outcome, detail, micros: micros + (i % 17) / 10 });
  return {
    policy: POLICIES[i % 3],
    tier,
    model: `${tier}-model`,
    stage: "classifier",
    reason,
    scores,
    thresholds: { bias: 0.5, lambdaUsd: 0.037843999999999996, promptTokens: 16 + (i % 40), nominalCosts: false, steps: [{ from: "fast", to: "capable", costDeltaUsd: 0.00914104, minProbability: 0.24154529119543391 }], speculative: null, hedgeBand: null },
    fallbacks: ["fast"],
    escalation: null,
    hedge: null,
    uncertainty: 0.3644932502015106,
    propensities: [0, 1],
    labelCandidate: null,
    trace: [
      step("capabilities", "miss", "every enabled tier can serve the request", 14.6),
      step("budget", "miss", "within budget", 2.4),
      step("rules", "miss", "no rule matched", 23.2),
      step("pinned", "miss", "no session pin", 0.5),
      step("classifier", "hit", `heuristic builtin: p = [${p.toFixed(2)}]`, 7.7),
      step("choose", "info", "prompt ~16 tokens (estimate): any real count in 2–30 gives the same choice", 4.9),
      step("choose", "hit", reason, 9.1),
      step("plan", "info", "fallbacks [fast]; no escalation", 2.0),
    ],
  };
}

async function main() {
  const ephemeral = process.env.DATABASE_URL ? null : await startEphemeralPostgres();
  const database = await createTestDatabase(process.env.DATABASE_URL ?? ephemeral!.url, "frontdesk_bench_logwrite");
  process.env.DATABASE_URL = database.url;
  resetEnvCache();
  try {
    const { RequestLogWriter } = await import("../lib/gateway/request-log-writer");
    const { entryBytes } = await import("../lib/gateway/request-log-sink");
    const { insertRequestLogEntries, encodeLogEntry } = await import("../lib/db/request-log-repo");
    const { uuidv7 } = await import("../lib/gateway/uuidv7");
    const { env } = await import("../lib/env");
    type Row = import("../lib/db/request-log-repo").RequestLogInsert;

    let n = 0;
    const row = (): Row => {
      const i = n++;
      const tier = TIERS[i % 3]!;
      const p = 0.3 + (i % 40) / 100;
      const reason = `P(needs capable) = ${p.toFixed(2)} ≥ threshold 0.24 at bias 0.50 → ${tier} (expected loss $0.0092 vs $0.0212 on fast).`;
      const scores = { classifier: { id: "builtin", kind: "heuristic" }, p: [p], costUsd: [0.00001896, 0.00916], expectedLossUsd: [0.021185058719687015 * p, 0.00916] };
      return {
        id: uuidv7(),
        policyName: POLICIES[i % 3]!,
        tierName: tier,
        model: `${tier}-model`,
        stage: i % 11 === 0 ? "escalation" : "classifier",
        reason,
        scores,
        decision: decisionOf(tier, p, reason, scores, i),
        latency: { attempts: [{ ms: 412 + (i % 50), tier, cause: "decision", model: `${tier}-model`, costUsd: 0.0003, outcome: "ok", promptTokens: 180 + (i % 40), completionTokens: 90 + (i % 30) }], routingMs: 0.08, overheadMs: 0.4, firstTokenMs: null, escalationWaitMs: 0 },
        uncertainty: 0.08,
        totalMs: 412 + (i % 50),
        promptTokens: 180 + (i % 40),
        completionTokens: 90 + (i % 30),
        costUsd: 0.00012,
        baselineCostUsd: 0.0009,
        quality: 0.91,
        status: i % 97 === 0 ? "error" : "ok",
        prompt: `user: how do I reset the password of account ${i}? I tried the link in the e-mail twice and it says the token expired. `.repeat(3),
        response: "To reset it, open Settings → Security, choose 'Reset password' and follow the link within 15 minutes. ".repeat(3),
        sessionKey: i % 8 === 0 ? `session-${i % 500}` : null,
      };
    };

    const flushMs: number[] = [];
    const batchRows: number[] = [];
    const writer = new RequestLogWriter<import("../lib/db/request-log-repo").LogEntry>({
      insert: async (rows) => {
        const t = performance.now();
        const written = await insertRequestLogEntries(rows);
        flushMs.push(performance.now() - t);
        batchRows.push(rows.length);
        return written;
      },
      maxQueue: env().REQUEST_LOG_QUEUE_MAX,
      maxQueueBytes: env().REQUEST_LOG_QUEUE_MAX_BYTES,
      sizeOf: entryBytes,
      ...(process.env.BENCH_MAX_BATCH ? { maxBatchSize: Number(process.env.BENCH_MAX_BATCH) } : {}),
      ...(process.env.BENCH_IN_FLIGHT ? { maxInFlight: Number(process.env.BENCH_IN_FLIGHT) } : {}),
    });

    const perSecond: number[] = [];
    const postgresCpuMs = () => cpuMsWhere((comm) => comm.startsWith("postgres"));
    const pgCpuBefore = postgresCpuMs();
    const started = performance.now();
    let lastWritten = 0;
    let nextTick = started + 1000;
    while (performance.now() - started < SECONDS * 1000) {
      for (let k = writer.stats().queued; k < BACKLOG; k++) writer.push(encodeLogEntry(row(), new Date()));
      await new Promise((r) => setTimeout(r, 5));
      if (performance.now() >= nextTick) {
        const { written } = writer.stats();
        perSecond.push(written - lastWritten);
        lastWritten = written;
        nextTick += 1000;
      }
    }
    const elapsed = (performance.now() - started) / 1000;
    const stats = writer.stats();
    await writer.close(30_000);
    const pgCpuPerRow = ((postgresCpuMs() - pgCpuBefore) * 1000) / writer.stats().written;
    const sorted = [...perSecond].sort((a, b) => a - b);
    const flushes = [...flushMs].sort((a, b) => a - b);
    const rate = stats.written / elapsed;
    console.log(`written ${stats.written.toLocaleString("en-US")} rows in ${elapsed.toFixed(1)} s: ${Math.round(rate).toLocaleString("en-US")} rows/s ${rate >= 10_000 ? "ok" : "UNDER 10,000 rows/s"}`);
    console.log(`per second: min ${sorted[0]?.toLocaleString("en-US")}, median ${percentile(sorted, 50).toLocaleString("en-US")}, max ${sorted.at(-1)?.toLocaleString("en-US")}`);
    const sizes = [...batchRows].sort((a, b) => a - b);
    console.log(`flush of a batch (median ${percentile(sizes, 50)} rows, up to ${process.env.BENCH_IN_FLIGHT ?? 3} in flight): p50 ${percentile(flushes, 50).toFixed(1)} ms, p95 ${percentile(flushes, 95).toFixed(1)} ms; dropped ${stats.dropped}, failed flushes ${stats.failedFlushes}`);
    console.log(`Postgres CPU per row written (all its processes): ${pgCpuPerRow.toFixed(0)} µs`);
    console.log(`\nLOG WRITE RATE: ${Math.round(rate).toLocaleString("en-US")} rows/s sustained (target ≥ 10,000) — ${rate >= 10_000 ? "met" : "not met"}`);
  } finally {
    const { disconnectDb } = await import("../lib/db/prisma");
    await disconnectDb();
    await database.drop();
    await ephemeral?.stop();
  }
}

await main();
