import { describe, expect, it } from "vitest";
import { SseParser, type SseEvent } from "./sse-parser";

const SAMPLE = [
  ": keep-alive comment\r\n",
  "data: {\"a\":\"héllo 🌍\"}\r\n\r\n",
  "event: message_start\n",
  "data: line one\n",
  "data: line two\n\n",
  "id: 7\nretry: 100\ndata:no-space\n\n",
  "data: [DONE]\n\n",
].join("");

const EXPECTED: SseEvent[] = [
  { data: "{\"a\":\"héllo 🌍\"}" },
  { event: "message_start", data: "line one\nline two" },
  { data: "no-space" },
  { data: "[DONE]" },
];

function parseInPieces(bytes: Buffer, cuts: number[]): SseEvent[] {
  const parser = new SseParser();
  const out: SseEvent[] = [];
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    out.push(...parser.push(bytes.subarray(at, cut)));
    at = cut;
  }
  return [...out, ...parser.end()];
}

describe("SseParser", () => {
  it("parses whole input", () => {
    expect(parseInPieces(Buffer.from(SAMPLE), [])).toEqual(EXPECTED);
  });

  it("gives the same events for every single split point (mid-line, mid-UTF-8, between CR and LF)", () => {
    const bytes = Buffer.from(SAMPLE);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(parseInPieces(bytes, [cut])).toEqual(EXPECTED);
    }
  });

  it("survives byte-by-byte input", () => {
    const bytes = Buffer.from(SAMPLE);
    expect(parseInPieces(bytes, Array.from({ length: bytes.length - 1 }, (_, i) => i + 1))).toEqual(EXPECTED);
  });

  it("accepts bare CR line endings and a last event without its blank line", () => {
    const parser = new SseParser();
    const events = [...parser.push("data: a\r\rdata: b"), ...parser.end()];
    expect(events).toEqual([{ data: "a" }, { data: "b" }]);
  });

  it("ignores events without data", () => {
    const parser = new SseParser();
    expect(parser.push("event: ping\n\n: only a comment\n\n")).toEqual([]);
  });
});
