import { describe, expect, it } from "vitest";
import { deriveLabels, labelFromScores } from "./derive-labels";
import { parseOutcomes } from "./parse-outcomes";

describe("labelFromScores", () => {
  it("picks the cheapest tier within epsilon of the best", () => {
    expect(labelFromScores([0, 1])).toBe(1);
    expect(labelFromScores([1, 1])).toBe(0);
    expect(labelFromScores([1, 0])).toBe(0);
    expect(labelFromScores([0.2, 0.9, 1.0])).toBe(2);
    expect(labelFromScores([0.2, 0.9, 1.0], 0.1)).toBe(1);
    expect(labelFromScores([0.2, 0.9, 1.0], 0.8)).toBe(0);
    expect(labelFromScores([0, 0, 0])).toBe(0);
  });
});

describe("deriveLabels", () => {
  it("labels rows and skips those missing a tier", () => {
    const { rows } = parseOutcomes(
      [
        '{"id":"a","prompt":"p","outcomes":{"s":{"score":0,"cost_usd":1},"m":{"score":1},"l":{"score":1}}}',
        '{"id":"b","prompt":"p","outcomes":{"s":{"score":1},"l":{"score":1}}}',
      ].join("\n"),
    );
    const { labeled, skipped } = deriveLabels(rows, ["s", "m", "l"]);
    expect(labeled).toHaveLength(1);
    expect(labeled[0].label).toBe(1);
    expect(labeled[0].scores).toEqual([0, 1, 1]);
    expect(labeled[0].costs[0]).toBe(1);
    expect(Number.isNaN(labeled[0].costs[1])).toBe(true);
    expect(skipped).toEqual([{ id: "b", line: 2, reason: "no outcome for m" }]);
  });

  it("rejects bad arguments", () => {
    expect(() => deriveLabels([], ["only"])).toThrow(RangeError);
    expect(() => deriveLabels([], ["a", "b"], -1)).toThrow(RangeError);
  });
});
