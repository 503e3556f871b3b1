import { describe, expect, it } from "vitest";
import { describeEntry, formatValue, formatWhen } from "./format-audit";

describe("audit words", () => {
  it("names the action and its target, and what a revert reverted", () => {
    expect(describeEntry({ action: "tier.disable", targetId: "capable", revertOf: null })).toBe("Disabled tier capable");
    expect(describeEntry({ action: "tier.disable.revert", targetId: "capable", revertOf: "41" })).toBe("Reverted #41: Disabled tier capable");
    expect(describeEntry({ action: "classifier.promote", targetId: "0193-uuid", revertOf: null })).toBe("Promoted classifier for policy");
    expect(describeEntry({ action: "dataset.import", targetId: "d1", revertOf: null })).toBe("dataset.import d1");
  });

  it("formats values and times with their zone", () => {
    expect(formatValue(null)).toBe("—");
    expect(formatValue("fast")).toBe("fast");
    expect(formatValue({ a: 1 })).toBe('{"a":1}');
    expect(formatValue("x".repeat(200))).toHaveLength(118);
    expect(formatWhen("2026-12-07T01:02:03Z", "UTC")).toBe("Dec 7, 2026, 1:02:03 AM UTC");
  });
});
