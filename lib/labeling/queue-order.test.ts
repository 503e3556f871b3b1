import { describe, expect, it } from "vitest";
import { claimableIds, streamOrder } from "./queue-order";

describe("streamOrder", () => {
  it("serves every fifth item from the random sample, the rest most-uncertain first", () => {
    const firsts = Array.from({ length: 10 }, (_, i) => streamOrder(i)[0]);
    expect(firsts).toEqual(["uncertain", "uncertain", "uncertain", "uncertain", "random", "uncertain", "uncertain", "uncertain", "uncertain", "random"]);
  });

  it("always names the other stream as the fallback", () => {
    expect(streamOrder(4)).toEqual(["random", "uncertain"]);
    expect(streamOrder(0)).toEqual(["uncertain", "random"]);
  });

  it("honours another interval, and 0 turns the random stream off as a first choice", () => {
    expect(streamOrder(1, 2)[0]).toBe("random");
    expect(streamOrder(2, 2)[0]).toBe("uncertain");
    expect(streamOrder(4, 0)[0]).toBe("uncertain");
  });
});

describe("claimableIds", () => {
  const pool = [
    { id: "1", key: "same" },
    { id: "2", key: "other" },
    { id: "3", key: "same" },
    { id: "4", key: "third" },
  ];

  it("keeps the pool's order, leaving out excluded ids and the groups to avoid", () => {
    expect(claimableIds(pool, new Set(["2"]), new Set(["same"]))).toEqual(["4"]);
    expect(claimableIds(pool, new Set(), new Set())).toEqual(["1", "2", "3", "4"]);
  });

  it("is empty when only the avoided prompt is left (the caller then serves it)", () => {
    expect(claimableIds(pool.filter((c) => c.key === "same"), new Set(), new Set(["same"]))).toEqual([]);
  });
});
