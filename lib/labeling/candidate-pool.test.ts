import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { candidateIds, clearCandidatePools, forgetCandidate } from "./candidate-pool";

const c = (...ids: string[]) => ids.map((id) => ({ id, key: `k-${id}` }));

function loaderOf(...lists: string[][]) {
  let call = 0;
  return vi.fn(async () => c(...lists[Math.min(call++, lists.length - 1)]!));
}

beforeEach(() => {
  clearCandidatePools();
  vi.useFakeTimers({ now: 1_000_000, toFake: ["Date"] });
});
afterEach(() => vi.useRealTimers());

describe("candidateIds", () => {
  it("loads once, then serves the cached list until the TTL passes", async () => {
    const load = loaderOf(["a", "b"], ["c"]);
    expect(await candidateIds("uncertain", "k", load)).toEqual({ candidates: c("a", "b"), fresh: true });
    expect(await candidateIds("uncertain", "k", load)).toEqual({ candidates: c("a", "b"), fresh: false });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("keeps serving the old list while an expired one reloads in the background", async () => {
    const load = loaderOf(["a"], ["b"]);
    await candidateIds("uncertain", "k", load);
    vi.setSystemTime(1_000_000 + 31_000);
    expect(await candidateIds("uncertain", "k", load)).toEqual({ candidates: c("a"), fresh: false });
    await Promise.resolve();
    await Promise.resolve();
    expect(await candidateIds("uncertain", "k", load)).toEqual({ candidates: c("b"), fresh: false });
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("keeps the random sample longer, reloads on demand, and shares one load between callers", async () => {
    const load = loaderOf(["r1"], ["r2"]);
    const [one, two] = await Promise.all([candidateIds("random", "k", load), candidateIds("random", "k", load)]);
    expect(one.candidates).toEqual(c("r1"));
    expect(two.candidates).toEqual(c("r1"));
    expect(load).toHaveBeenCalledTimes(1);
    vi.setSystemTime(1_000_000 + 60_000);
    expect((await candidateIds("random", "k", load)).candidates).toEqual(c("r1"));
    expect(await candidateIds("random", "k", load, { reload: true })).toEqual({ candidates: c("r2"), fresh: true });
  });

  it("keeps streams and keys apart, and forgets claimed ids everywhere", async () => {
    await candidateIds("uncertain", "k1", loaderOf(["a", "b"]));
    await candidateIds("random", "k1", loaderOf(["b", "c"]));
    forgetCandidate("b");
    expect((await candidateIds("uncertain", "k1", loaderOf(["x"]))).candidates).toEqual(c("a"));
    expect((await candidateIds("random", "k1", loaderOf(["x"]))).candidates).toEqual(c("c"));
    expect((await candidateIds("uncertain", "k2", loaderOf(["z"]))).candidates).toEqual(c("z"));
  });
});
