import { describe, expect, it } from "vitest";
import { checkBudget, remainingBudgetUsd } from "./check-budget";
import { resolvePin } from "./resolve-pin";
import type { TierHealth } from "./types";

describe("checkBudget", () => {
  it("passes without a budget, without a cap, or below the cap", () => {
    expect(checkBudget(undefined)).toEqual({ action: "ok" });
    expect(checkBudget({ spentUsd: 1e9, capUsd: null, overBudget: "reject" })).toEqual({ action: "ok" });
    expect(checkBudget({ spentUsd: 9.99, capUsd: 10, overBudget: "reject" })).toEqual({ action: "ok" });
  });

  it("rejects or downgrades once spent reaches the cap", () => {
    expect(checkBudget({ spentUsd: 10, capUsd: 10, overBudget: "reject" })).toMatchObject({ action: "reject", reason: expect.stringContaining("$10.00 of $10.00") });
    expect(checkBudget({ spentUsd: 12, capUsd: 10, overBudget: "downgrade" })).toMatchObject({ action: "downgrade" });
  });

  it("reports what remains", () => {
    expect(remainingBudgetUsd({ spentUsd: 3, capUsd: 10, overBudget: "reject" })).toBe(7);
    expect(remainingBudgetUsd({ spentUsd: 13, capUsd: 10, overBudget: "reject" })).toBe(0);
    expect(remainingBudgetUsd(undefined)).toBe(Infinity);
  });
});

describe("resolvePin", () => {
  const health = (t: string): TierHealth => (t === "down" ? "unhealthy" : "healthy");
  it("uses a pin to a usable healthy tier", () => {
    expect(resolvePin("fast", ["fast", "capable"], health)).toEqual({ use: true, tier: "fast" });
  });
  it("ignores missing, foreign and unhealthy pins, saying why", () => {
    expect(resolvePin(undefined, ["fast"], health)).toEqual({ use: false, note: null });
    expect(resolvePin("other", ["fast"], health)).toMatchObject({ use: false, note: expect.stringContaining("not a usable tier") });
    expect(resolvePin("down", ["down", "fast"], health)).toMatchObject({ use: false, note: expect.stringContaining("unhealthy") });
  });
});
