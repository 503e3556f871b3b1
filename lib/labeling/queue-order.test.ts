import { describe, expect, it } from "vitest";
import { streamOrder } from "./queue-order";

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
