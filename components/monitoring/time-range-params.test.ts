import { describe, expect, it } from "vitest";
import { parseRangeParams, rangeSearch, resolveChoice } from "./time-range-params";

describe("time range params", () => {
  it("parses presets and custom ranges, falling back on anything invalid", () => {
    expect(parseRangeParams(new URLSearchParams("range=7d"))).toEqual({ kind: "preset", preset: "7d" });
    expect(parseRangeParams(new URLSearchParams("range=2y"))).toEqual({ kind: "preset", preset: "24h" });
    expect(parseRangeParams(new URLSearchParams("range=custom&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z"), "7d")).toEqual({ kind: "preset", preset: "7d" });
    const custom = parseRangeParams(new URLSearchParams("range=custom&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z"));
    expect(custom).toEqual({ kind: "custom", from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-01-02T00:00:00Z") });
  });

  it("round-trips through the URL and keeps other parameters", () => {
    const search = rangeSearch(new URLSearchParams("policy=default&range=1h"), { kind: "custom", from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-01-02T00:00:00Z") });
    const params = new URLSearchParams(search);
    expect(params.get("policy")).toBe("default");
    expect(parseRangeParams(params).kind).toBe("custom");
    expect(rangeSearch(params, { kind: "preset", preset: "30d" })).toBe("?policy=default&range=30d");
  });

  it("resolves presets to a window ending at the next full minute", () => {
    const now = Date.parse("2026-01-01T10:00:30Z");
    const { from, to } = resolveChoice({ kind: "preset", preset: "1h" }, now);
    expect(to.toISOString()).toBe("2026-01-01T10:01:00.000Z");
    expect(from.toISOString()).toBe("2026-01-01T09:01:00.000Z");
  });
});
