import { describe, expect, it } from "vitest";
import { formatDateTime, formatRateBasis, formatShares, formatUsd, sharePercents } from "./format";
import { tierColor } from "./palette";

describe("formatUsd", () => {
  it("keeps two significant digits below a dollar and cents above", () => {
    expect([0.8, 0.88, 0.0031, 0.000283, 0.123, 12.5, 1234.4, 0].map(formatUsd)).toEqual(["$0.80", "$0.88", "$0.0031", "$0.00028", "$0.12", "$12.50", "$1,234", "$0.00"]);
  });
  it("signs negatives and dashes non-numbers", () => {
    expect(formatUsd(-0.5)).toBe("−$0.50");
    expect(formatUsd(null)).toBe("—");
    expect(formatUsd(Number.NaN)).toBe("—");
  });
});

describe("formatDateTime", () => {
  it("names the time zone and the year", () => {
    const text = formatDateTime("2026-03-04T05:06:07Z");
    expect(text).toMatch(/2026/);
    expect(text).toMatch(/\d{2}:\d{2}:\d{2} \S+$/); // 24 h clock, seconds, then the zone
    expect(formatDateTime("2026-03-04T05:06:07Z", { seconds: false })).toMatch(/\d{2}:\d{2} \S+$/);
    expect(formatDateTime("not a date")).toBe("—");
  });
});

describe("sharePercents", () => {
  it("sums to exactly 100 by largest remainder", () => {
    expect(sharePercents([1, 1, 1])).toEqual([34, 33, 33]);
    expect(sharePercents([345, 345, 310])).toEqual([35, 34, 31]);
    for (const counts of [[7, 13, 29, 51], [1, 2, 3, 4, 5, 6, 7], [999, 1, 0]]) expect(sharePercents(counts).reduce((a, b) => a + b, 0)).toBe(100);
  });
  it("gives zeros when there is nothing to share", () => {
    expect(sharePercents([0, 0])).toEqual([0, 0]);
  });
  it("formats a summary line", () => {
    expect(formatShares([["fast", 1], ["balanced", 1], ["capable", 1]])).toBe("fast 34%, balanced 33%, capable 33%");
  });
});

describe("tierColor", () => {
  it("keys the colour by the tier's name, not its place in a list", () => {
    expect(tierColor("capable")).toBe(tierColor("capable"));
    expect(new Set(["fast", "balanced", "capable"].map(tierColor)).size).toBe(3);
    expect(tierColor("my-custom-tier")).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe("formatRateBasis", () => {
  it("names n and the window's length, or its ends", () => {
    const r = { n: 83, window: { from: "2026-12-01T00:00:00Z", to: "2026-12-08T00:00:00Z" } };
    expect(formatRateBasis(r)).toBe("n = 83 · 7 d");
    expect(formatRateBasis({ n: 1200, window: { from: "2026-12-01T00:00:00Z", to: "2026-12-02T00:00:00Z" } })).toBe("n = 1,200 · 24 h");
    expect(formatRateBasis(r, { dates: true })).toMatch(/^n = 83 · Dec 1, 2026.* – Dec 8, 2026/);
  });

  it("sums tooltip shares to 100 (largest remainder)", () => {
    expect(sharePercents([1, 1, 1]).reduce((a, b) => a + b, 0)).toBe(100);
    expect(sharePercents([0.333, 0.333, 0.334])).toEqual([33, 33, 34]); // rounded one by one: 33 + 33 + 33
    expect(sharePercents([0.125, 0.125, 0.75])).toEqual([13, 12, 75]); // rounded one by one: 13 + 13 + 75 = 101
  });
});
