import { describe, expect, it } from "vitest";
import { climbedRate, costMisrouteRate, escalationRate, MIN_POINT_LABELS, pointValue, qualityMisrouteRate, rateOf } from "./rates";

const window = { from: new Date("2026-12-01T00:00:00Z"), to: "2026-12-02T00:00:00Z" };
const labels = { labeled: 83, quality: 11, cost: 25, randomLabeled: 40, randomQuality: 4, randomCost: 6 };

describe("rates", () => {
  it("are a count over n with the window, null when n is 0", () => {
    expect(rateOf(3, 12, window)).toEqual({ rate: 0.25, n: 12, window: { from: "2026-12-01T00:00:00.000Z", to: "2026-12-02T00:00:00.000Z" } });
    expect(rateOf(0, 0, window).rate).toBeNull();
  });

  it("misroutes: the random sample by default, all labels on request, each with its own n", () => {
    expect(costMisrouteRate(labels, window)).toMatchObject({ rate: 6 / 40, n: 40 });
    expect(costMisrouteRate(labels, window, "all")).toMatchObject({ rate: 25 / 83, n: 83 });
    expect(qualityMisrouteRate(labels, window)).toMatchObject({ rate: 0.1, n: 40 });
    expect(qualityMisrouteRate(labels, window, "all")).toMatchObject({ rate: 11 / 83, n: 83 });
  });

  it("escalation and climbing are over requests", () => {
    expect(escalationRate({ escalations: 5, requests: 50 }, window)).toMatchObject({ rate: 0.1, n: 50 });
    expect(climbedRate({ climbed: 1, requests: 4 }, window)).toMatchObject({ rate: 0.25, n: 4 });
  });

  it("a chart point below the minimum n is a gap", () => {
    expect(pointValue(rateOf(1, MIN_POINT_LABELS - 1, window))).toBeNull();
    expect(pointValue(rateOf(1, MIN_POINT_LABELS, window))).toBe(1 / MIN_POINT_LABELS);
    expect(pointValue(rateOf(0, 3, window), 1)).toBe(0);
  });
});
