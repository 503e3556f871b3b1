import { describe, expect, it } from "vitest";
import { monthStart } from "../routing/check-budget";
import { BudgetTracker, EXPECTED_OUTPUT_TOKENS, reservedCostUsd } from "./budget-tracker";
import { SessionPins } from "../state/session-pins";

const NOV = Date.UTC(2026, 10, 28, 12);
const DEC = Date.UTC(2026, 11, 1, 0, 0, 1);

describe("BudgetTracker", () => {
  it("adds local spend to the database base and resets both at the month boundary", () => {
    const t = new BudgetTracker();
    t.refresh(new Map([["k1", 4]]), NOV);
    t.add("k1", 0.5, NOV);
    t.add("k2", 1, NOV);
    expect(t.spent("k1", NOV)).toBe(4.5);
    expect(t.spent("k2", NOV)).toBe(1);
    t.refresh(new Map([["k1", 4.5]]), NOV + 1000);
    expect(t.spent("k1", NOV + 1000)).toBe(4.5);
    expect(t.spent("k1", DEC)).toBe(0);
    expect(monthStart(NOV).toISOString()).toBe("2026-11-01T00:00:00.000Z");
  });

  it("keeps the month's spend up to the last millisecond and resets at the first of the next, across a year end", () => {
    const t = new BudgetTracker();
    const JAN = Date.UTC(2027, 0, 1);
    t.refresh(new Map([["k1", 2]]), Date.UTC(2026, 11, 15));
    expect(t.spent("k1", JAN - 1)).toBe(2);
    expect(t.spent("k1", JAN)).toBe(0);
    t.add("k1", 3, JAN + 5);
    expect(t.spent("k1", Date.UTC(2027, 0, 31, 23, 59, 59, 999))).toBe(3);
    expect(t.spent("k1", Date.UTC(2027, 1, 1))).toBe(0);
  });
});

describe("BudgetTracker reservations", () => {
  it("counts requests in flight in `committed`, settles each to its actual cost, and keeps them across refreshes and months", () => {
    const t = new BudgetTracker();
    t.refresh(new Map([["k1", 1]]), NOV);
    t.reserve("k1", 0.5);
    t.reserve("k1", 0.25);
    expect(t.spent("k1", NOV)).toBe(1);
    expect(t.committed("k1", NOV)).toBe(1.75);
    t.refresh(new Map([["k1", 1]]), NOV + 1000); // in flight: not in the request log yet
    expect(t.committed("k1", NOV + 1000)).toBe(1.75);
    t.settle("k1", 0.5, 0.1, NOV + 2000);
    expect(t.committed("k1", NOV + 2000)).toBeCloseTo(1.35, 12);
    t.settle("k1", 0.25, 0, DEC); // settled in the next month: the reservation goes, the cost counts there
    expect(t.committed("k1", DEC)).toBe(0);
    expect(t.committed("k2", DEC)).toBe(0);
  });

  it("reserves the prompt plus the output limit, or the expected output without one", () => {
    const tier = { inputUsdPerMTok: 1, outputUsdPerMTok: 2 };
    expect(reservedCostUsd(tier, 100, 50)).toBeCloseTo((100 + 2 * 50) / 1e6, 15);
    expect(reservedCostUsd(tier, 100, null)).toBeCloseTo((100 + 2 * EXPECTED_OUTPUT_TOKENS) / 1e6, 15);
    expect(reservedCostUsd(undefined, 100, 50)).toBe(0);
  });
});

describe("SessionPins", () => {
  it("remembers a session's tier until it expires, evicting the least recently used", () => {
    const pins = new SessionPins(2, 1000);
    pins.set("a", "fast", 0);
    pins.set("b", "capable", 0);
    expect(pins.get("a", 500)).toBe("fast");
    pins.set("c", "fast", 600);
    expect(pins.get("b", 600)).toBeUndefined();
    expect(pins.get("a", 999)).toBe("fast");
    expect(pins.get("a", 1000)).toBeUndefined();
  });
});
