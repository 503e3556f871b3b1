import { describe, expect, it } from "vitest";
import { REQUEST_LOG_COPY_COLUMNS, ROLLUP_LINE_COLUMNS, copyChunks, encodeLogLine, pgSafeJson, requestLogLine, rollupChunks } from "./request-log-copy";

const base = { id: "0190a4c2-0000-7000-8000-000000000001", stage: "rule", status: "ok", decision: {}, latency: {} };
const fields = (line: string) => line.slice(0, -1).split("\t");
const at = new Date("2026-12-07T10:00:00.000Z");

describe("requestLogLine", () => {
  it("writes one field per column, defaults for what the row leaves out, \\N for NULL", () => {
    const line = requestLogLine(base, at);
    expect(line.endsWith("\n")).toBe(true);
    const f = fields(line);
    expect(f).toHaveLength(REQUEST_LOG_COPY_COLUMNS.length);
    const of = (column: string) => f[REQUEST_LOG_COPY_COLUMNS.indexOf(column)];
    expect(of("createdAt")).toBe("2026-12-07T10:00:00.000Z");
    expect(of("apiKeyId")).toBe("\\N");
    expect(of("reason")).toBe("");
    expect(of("escalated")).toBe("f");
    expect(of("httpStatus")).toBe("200");
    expect(of("api")).toBe("chat");
    expect(of("decision")).toBe("{}");
    expect(of("quality")).toBe("\\N");
  });

  it("keeps the row's own createdAt and values", () => {
    const f = fields(requestLogLine({ ...base, createdAt: new Date(0), escalated: true, costUsd: 1.5e-7, quality: null }, at));
    const of = (column: string) => f[REQUEST_LOG_COPY_COLUMNS.indexOf(column)];
    expect([of("createdAt"), of("escalated"), of("costUsd"), of("quality")]).toEqual(["1970-01-01T00:00:00.000Z", "t", "1.5e-7", "\\N"]);
  });

  it("escapes COPY's special characters in text and JSON, so a row stays one line of its columns", () => {
    const prompt = "a\tb\nc\rd\\e\u0000f";
    const line = requestLogLine({ ...base, prompt, decision: { note: 'say "hi"\\n', tab: "\t" } }, at);
    expect(line.split("\n")).toHaveLength(2);
    const f = fields(line);
    expect(f).toHaveLength(REQUEST_LOG_COPY_COLUMNS.length);
    expect(f[REQUEST_LOG_COPY_COLUMNS.indexOf("prompt")]).toBe("a\\tb\\nc\\rd\\\\e\uFFFDf");
    expect(f[REQUEST_LOG_COPY_COLUMNS.indexOf("decision")]).toBe('{"note":"say \\\\"hi\\\\"\\\\\\\\n","tab":"\\\\t"}');
  });
});

describe("pgSafeJson", () => {
  it("replaces escaped U+0000 and lone surrogates, and leaves escaped backslashes before them alone", () => {
    expect(pgSafeJson(JSON.stringify("a\u0000b\ud800c"))).toBe('"a\\ufffdb\\ufffdc"');
    expect(pgSafeJson(JSON.stringify("\\u0000"))).toBe(JSON.stringify("\\u0000"));
    expect(pgSafeJson(JSON.stringify("😀"))).toBe(JSON.stringify("😀"));
  });
});

describe("copyChunks", () => {
  const lines = (n: number, text: string) => Array.from({ length: n }, (_, i) => Buffer.from(`${i}\t${text}\n`));

  it("puts the lines, in order, in chunks of at most 64 KB", () => {
    const input = [...lines(2000, "P(needs capable) ≥ 0.24 → capable 🙂 café"), ...lines(2000, "plain ascii text")];
    const chunks = copyChunks(input);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(65_536);
    expect(Buffer.concat(chunks).equals(Buffer.concat(input))).toBe(true);
  });

  it("gives a line longer than a chunk a Buffer of its own and keeps the order around it", () => {
    const long = `${"é".repeat(40_000)}\n`;
    const chunks = copyChunks(["a\n", long, "b\n", long].map((l) => Buffer.from(l)));
    expect(chunks.map((c) => c.toString())).toEqual(["a\n", long, "b\n", long]);
  });

  it("makes no chunk for no lines", () => {
    expect(copyChunks([])).toEqual([]);
  });
});

describe("encodeLogLine", () => {
  it("is the line in UTF-8, lone surrogates as U+FFFD", () => {
    const row = { ...base, prompt: "≥ → 🙂 lone:\ud800" };
    expect(encodeLogLine(row, at).equals(Buffer.from(requestLogLine(row, at)))).toBe(true);
    expect(fields(encodeLogLine(row, at).toString())[REQUEST_LOG_COPY_COLUMNS.indexOf("prompt")]).toBe("≥ → 🙂 lone:\uFFFD");
  });
});

describe("rollupChunks", () => {
  const rollupFields = (line: string) => {
    const full = fields(line);
    return ROLLUP_LINE_COLUMNS.map((c) => full[REQUEST_LOG_COPY_COLUMNS.indexOf(c)]);
  };

  it("keeps the rollup columns of each line, in ROLLUP_LINE_COLUMNS' order, escapes and all", () => {
    const row = { ...base, apiKeyId: "key-1", policyName: "p\tq → ≥", tierName: "fast", prompt: "a\tb\nc 🙂", scores: { p: [0.5] }, isDemo: true, quality: null, costUsd: 2.5e-7 };
    const line = requestLogLine(row, at);
    const [chunk] = rollupChunks([Buffer.from(line)]);
    const got = chunk!.toString();
    expect(got.split("\n")).toEqual([expect.any(String), ""]);
    expect(fields(got)).toEqual(rollupFields(line));
    const of = (c: (typeof ROLLUP_LINE_COLUMNS)[number]) => fields(got)[ROLLUP_LINE_COLUMNS.indexOf(c)];
    expect([of("apiKeyId"), of("policyName"), of("isDemo"), of("quality"), of("costUsd"), of("scores")]).toEqual(["key-1", "p\\tq → ≥", "t", "\\N", "2.5e-7", '{"p":[0.5]}']);
  });

  it("takes many lines apart in chunks of at most 64 KB, in order", () => {
    const lines = Array.from({ length: 3000 }, (_, i) => requestLogLine({ ...base, policyName: `policy ${i} ≥`, apiKeyId: i % 2 ? null : `k${i}`, totalMs: i }, at));
    const chunks = rollupChunks(lines.map((l) => Buffer.from(l)));
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(65_536);
    const out = Buffer.concat(chunks).toString().split("\n").slice(0, -1);
    expect(out.map((l) => l.split("\t"))).toEqual(lines.map(rollupFields));
  });
});
