import { describe, expect, it } from "vitest";
import { REQUEST_LOG_COPY_COLUMNS, copyChunks, encodeLogLine, pgSafeJson, requestLogLine } from "./request-log-copy";

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
