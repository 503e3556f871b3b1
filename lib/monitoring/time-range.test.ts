import { describe, expect, it } from "vitest";
import { bucketStarts, chooseBucket, chooseDriftBucket, rangeQuerySchema, resolveRange } from "./time-range";

const H = 3_600_000;
const D = 24 * H;

describe("chooseBucket", () => {
  it("keeps every preset between a dozen and a few hundred points", () => {
    expect(chooseBucket(H)).toBe("5m");
    expect(chooseBucket(D)).toBe("1h");
    expect(chooseBucket(7 * D)).toBe("1h");
    expect(chooseBucket(30 * D)).toBe("6h");
    expect(chooseBucket(90 * D)).toBe("1d");
    expect(chooseDriftBucket(7 * D)).toBe("6h");
    expect(chooseDriftBucket(30 * D)).toBe("1d");
  });
});

describe("rangeQuerySchema", () => {
  it("accepts ISO dates and rejects reversed or oversized ranges and too fine buckets", () => {
    expect(rangeQuerySchema.safeParse({ from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z" }).success).toBe(true);
    expect(rangeQuerySchema.safeParse({ from: "2026-01-02T00:00:00Z", to: "2026-01-01T00:00:00Z" }).success).toBe(false);
    expect(rangeQuerySchema.safeParse({ from: "nonsense", to: "2026-01-01T00:00:00Z" }).success).toBe(false);
    expect(rangeQuerySchema.safeParse({ from: "2024-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z" }).success).toBe(false);
    expect(rangeQuerySchema.safeParse({ from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z", bucket: "5m" }).success).toBe(false);
    expect(rangeQuerySchema.safeParse({ from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z", bucket: "weekly" }).success).toBe(false);
  });
});

describe("resolveRange", () => {
  it("reads short ranges from raw rows and long ones from rollups", () => {
    const to = new Date("2026-01-02T00:00:00Z");
    expect(resolveRange({ from: new Date(to.getTime() - H), to })).toMatchObject({ bucket: "5m", source: "raw", bucketMs: 300_000 });
    expect(resolveRange({ from: new Date(to.getTime() - D), to })).toMatchObject({ bucket: "1h", source: "rollup" });
  });

  it("lists aligned bucket starts", () => {
    const starts = bucketStarts(new Date("2026-01-01T10:30:00Z"), new Date("2026-01-01T13:00:00Z"), H);
    expect(starts.map((t) => new Date(t).toISOString())).toEqual(["2026-01-01T10:00:00.000Z", "2026-01-01T11:00:00.000Z", "2026-01-01T12:00:00.000Z"]);
  });
});
