import { afterAll, describe, expect, it } from "vitest";
import { pgPool } from "./pg-pool";
import { insertRequestLogs, insertRequestLogsWith, type RequestLogInsert } from "./request-log-repo";
import { REQUEST_LOG_COPY_COLUMNS } from "./request-log-copy";
import { ensureRequestLogPartitions, serverHasLz4 } from "./request-log-partitions";
import { demoId } from "../demo/demo-schedule";
import { createRng } from "../providers/simulated-random";

// Rows reach the log through COPY text lines (request-log-copy.ts): every column, and text that
// COPY or Postgres treat specially, must come back as the gateway meant it.

const AT = Date.parse("2001-05-01T00:00:00Z"); // a time range of its own
const rng = createRng(31);
const ids: string[] = [];
const row = (extra: Partial<RequestLogInsert>): RequestLogInsert => {
  const id = demoId(AT, rng);
  ids.push(id);
  return { id, createdAt: new Date(AT), stage: "rule", status: "ok", decision: {}, latency: {}, ...extra };
};

afterAll(async () => {
  await pgPool().query(`DELETE FROM "RequestLog" WHERE id = ANY($1::uuid[])`, [ids]);
  await pgPool().query(`DELETE FROM "RequestRollup" WHERE bucket IN ($1, $2)`, [new Date(AT), new Date(Date.UTC(2001, 4, 3, 1))]);
  await pgPool().query(`ALTER TABLE "RequestLog" DETACH PARTITION "RequestLog_d20010503"`);
  await pgPool().query(`DROP TABLE "RequestLog_d20010503"`);
});

describe("request-log rows written through COPY", () => {
  it("lists every column of the table", async () => {
    const { rows } = await pgPool().query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'RequestLog' AND table_schema = current_schema()`,
    );
    expect([...REQUEST_LOG_COPY_COLUMNS].sort()).toEqual(rows.map((r) => r.column_name).sort());
  });

  it("stores text, JSON, numbers and booleans as given; U+0000 and lone surrogates as U+FFFD", async () => {
    const tricky = "tab\there\nnewline\r\nback\\slash \\N not null, \\u0000 literal, nul:\u0000 lone:\ud800 pair:😀 arrows → ≥";
    const decision = { trace: [{ stage: "rule", note: tricky, quote: '"q"', n: 0.1 + 0.2 }], empty: null, nested: { a: [1, "\\"] } };
    const written = row({
      prompt: tricky, response: "", error: "\\", reason: "≥ 0.5 → fast", sessionKey: "s\t1", scores: { p: [0.42, 1e-9] }, decision,
      latency: { routingMs: 0.08 }, uncertainty: -0.25, escalated: true, hedged: false, explored: true, stream: true, isDemo: false,
      totalMs: 412.125, promptTokens: 180, completionTokens: 0, costUsd: 1.2e-7, baselineCostUsd: 0.0009, quality: 0.91, httpStatus: 502, api: "messages",
    });
    const plain = row({}); // everything else from the column defaults
    expect(await insertRequestLogs([written, plain])).toBe(2);
    const { rows } = await pgPool().query(`SELECT * FROM "RequestLog" WHERE id = ANY($1::uuid[]) ORDER BY id`, [[written.id, plain.id]]);
    const [got, gotPlain] = written.id < plain.id ? rows : [rows[1], rows[0]];
    const safe = tricky.replace("\u0000", "\uFFFD").replace("\ud800", "\uFFFD");
    expect(got).toMatchObject({
      prompt: safe, response: "", error: "\\", reason: "≥ 0.5 → fast", sessionKey: "s\t1", scores: { p: [0.42, 1e-9] },
      decision: { ...decision, trace: [{ ...decision.trace[0], note: safe }] }, latency: { routingMs: 0.08 }, uncertainty: -0.25,
      escalated: true, hedged: false, explored: true, stream: true, totalMs: 412.125, promptTokens: 180, completionTokens: 0,
      costUsd: 1.2e-7, baselineCostUsd: 0.0009, quality: 0.91, httpStatus: 502, api: "messages", createdAt: new Date(AT),
    });
    expect(gotPlain).toMatchObject({ reason: "", scores: null, prompt: null, escalated: false, httpStatus: 200, api: "chat", totalMs: 0, quality: null, isDemo: false });
  });

  it("compresses a large decision with lz4 where the server has it (pglz where not), in new partitions too", async () => {
    const lz4 = await serverHasLz4(pgPool());
    const expected = lz4 ? "lz4" : "pglz";
    const trace = Array.from({ length: 40 }, (_, i) => ({ stage: "choose", detail: `step ${i}: P(needs capable) = 0.56 ≥ threshold 0.24 → capable`, micros: i }));
    const big = row({ decision: { trace } });
    expect(await insertRequestLogs([big])).toBe(1);
    const { rows } = await pgPool().query(`SELECT pg_column_compression(decision) AS method FROM "RequestLog" WHERE id = $1`, [big.id]);
    expect(rows[0].method).toBe(expected);
    const { rows: partitions } = await pgPool().query(
      `SELECT DISTINCT a.attcompression AS c FROM pg_inherits i JOIN pg_attribute a ON a.attrelid = i.inhrelid AND a.attname = 'decision' WHERE i.inhparent = '"RequestLog"'::regclass`,
    );
    expect(partitions.map((p) => p.c)).toEqual([lz4 ? "l" : ""]);
  });

  it("keeps a row of ~2.5 KB uncompressed where the server has no lz4 (pglz costs more than it saves there), in every partition", async () => {
    const lz4 = await serverHasLz4(pgPool());
    const day = Date.UTC(2001, 4, 3); // a partition made now, as the gateway's maintenance makes them
    expect(await ensureRequestLogPartitions({ from: day, to: day })).toEqual({ created: ["RequestLog_d20010503"], skipped: [] });
    const trace = Array.from({ length: 36 }, (_, i) => ({ stage: "choose", detail: `step ${i}: threshold 0.24`, micros: i }));
    const mid = { ...row({ decision: { trace } }), id: demoId(day + 3_600_000, rng), createdAt: new Date(day + 3_600_000) };
    expect(JSON.stringify(mid.decision).length).toBeGreaterThan(2100); // past the 2 KB at which Postgres compresses
    expect(await insertRequestLogs([mid])).toBe(1);
    const { rows } = await pgPool().query(`SELECT pg_column_compression(decision) AS method, tableoid::regclass::text AS home FROM "RequestLog" WHERE id = $1`, [mid.id]);
    expect(rows[0]).toEqual({ method: lz4 ? "lz4" : null, home: `"RequestLog_d20010503"` });
    const { rows: partitions } = await pgPool().query(
      `SELECT DISTINCT coalesce(array_to_string(c.reloptions, ','), '') AS options FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = '"RequestLog"'::regclass`,
    );
    expect(partitions.map((p) => p.options)).toEqual([lz4 ? "" : "toast_tuple_target=4096"]);
  });

  it("stores the decision and latency as json, as written (read back whole, or by path with ->)", async () => {
    const logged = row({ decision: { tier: "capable", trace: [{ stage: "rules", micros: 1.5 }] }, latency: { attempts: [{ tier: "capable", ms: 12.25, outcome: "ok" }] } });
    expect(await insertRequestLogs([logged])).toBe(1);
    const { rows } = await pgPool().query(
      `SELECT pg_typeof(decision)::text AS d, pg_typeof(latency)::text AS l, decision->>'tier' AS tier, latency->'attempts'->0->>'ms' AS ms, decision::text AS text FROM "RequestLog" WHERE id = $1`,
      [logged.id],
    );
    expect(rows[0]).toEqual({ d: "json", l: "json", tier: "capable", ms: "12.25", text: JSON.stringify(logged.decision) });
  });

  it("writes a retried batch's rows once, and counts only new rows in the rollups, in or out of a transaction", async () => {
    const batch = Array.from({ length: 5 }, () => row({ tierName: "copy-test", policyName: "copy-test" }));
    expect(await insertRequestLogs(batch.slice(0, 3))).toBe(3);
    expect(await insertRequestLogs(batch)).toBe(2);
    const client = await pgPool().connect();
    try {
      const more = [row({ tierName: "copy-test", policyName: "copy-test" }), row({ tierName: "copy-test", policyName: "copy-test" })];
      expect(await insertRequestLogsWith(client, [batch[0]!, more[0]!])).toBe(1); // autocommit
      await client.query("BEGIN");
      expect(await insertRequestLogsWith(client, [more[0]!])).toBe(0);
      expect(await insertRequestLogsWith(client, [more[1]!])).toBe(1); // the previous batch is not staged again
      await client.query("ROLLBACK");
      expect(await insertRequestLogsWith(client, more)).toBe(1); // after a rollback, the staging table is made again
    } finally {
      client.release();
    }
    const { rows } = await pgPool().query(`SELECT sum(requests)::int AS n FROM "RequestRollup" WHERE tier = 'copy-test'`);
    expect(rows[0].n).toBe(7);
  });
});
