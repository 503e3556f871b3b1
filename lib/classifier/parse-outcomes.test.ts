import { describe, expect, it } from "vitest";
import { parseOutcomes } from "./parse-outcomes";

const ok = (id: string, extra = "") =>
  `{"id":"${id}","prompt":"q ${id}","outcomes":{"a":{"score":0,"cost_usd":0.1},"b":{"score":1}}${extra}}`;

describe("parseOutcomes", () => {
  it("keeps good lines and reports bad ones with line numbers and reasons", () => {
    const text = [
      ok("r1", ',"tags":{"task":"mmlu","n":3}'),
      "{not json",
      '{"id":"r3","outcomes":{"a":{"score":1}}}',
      '{"id":"r4","prompt":"x","outcomes":{"a":{"score":2}}}',
      "",
      ok("r1"),
      '{"id":"r6","messages":[{"role":"system","content":"be brief"},{"role":"user","content":[{"type":"text","text":"hi"}]}],"outcomes":{"a":{"score":1}}}',
    ].join("\n");
    const { rows, errors } = parseOutcomes(text);
    expect(rows.map((r) => r.id)).toEqual(["r1", "r6"]);
    expect(rows[0].tags).toEqual({ task: "mmlu", n: "3" });
    expect(rows[0].input.messages).toEqual([{ role: "user", content: "q r1" }]);
    expect(rows[1].input.messages[1]).toEqual({ role: "user", content: "hi" });
    expect(rows[1].line).toBe(7);
    expect(errors.map((e) => e.line)).toEqual([2, 3, 4, 6]);
    expect(errors[0].reason).toMatch(/invalid JSON/);
    expect(errors[1].reason).toMatch(/prompt.*messages/);
    expect(errors[2].reason).toMatch(/outcomes\.a\.score/);
    expect(errors[3].reason).toMatch(/duplicate id "r1" \(first on line 1\)/);
  });

  it("accepts CRLF line endings and numeric ids", () => {
    const { rows, errors } = parseOutcomes('{"id":7,"prompt":"p","outcomes":{}}\r\n' + ok("x") + "\r\n");
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.id)).toEqual(["7", "x"]);
  });
});
