import { describe, expect, it } from "vitest";
import { gcraStep } from "./gcra";

/** Runs `times` requests at `at` (ms), starting from `tat`; the allowed count and the last result. */
function burst(tat: number | null, at: number, limit: number, times: number) {
  let allowed = 0;
  let last = gcraStep(tat, at, limit);
  for (let i = 0; i < times; i++) {
    last = gcraStep(tat, at, limit);
    if (last.allowed) allowed++;
    tat = last.tat;
  }
  return { allowed, last, tat };
}

describe("gcraStep", () => {
  it("allows a fresh key its whole limit at once, then refuses the next with the wait for one slot", () => {
    const { allowed, last } = burst(null, 1_000_000, 10, 11);
    expect(allowed).toBe(10);
    expect(last).toEqual({ allowed: false, tat: 1_000_000 + 60_000, retryAfterMs: 6_000 });
  });

  it("earns one request back per interval (60 s / limit), not more", () => {
    const full = burst(null, 0, 10, 10).tat;
    expect(gcraStep(full, 5_999, 10).allowed).toBe(false);
    const after = gcraStep(full, 6_000, 10);
    expect(after.allowed).toBe(true);
    expect(gcraStep(after.tat, 6_000, 10).allowed).toBe(false);
  });

  it("forgets an idle key: a past TAT counts as now, so the burst is full again but never larger", () => {
    const used = burst(null, 0, 5, 5).tat;
    expect(burst(used, 10 * 60_000, 5, 8).allowed).toBe(5);
  });

  it("handles limits that do not divide a minute evenly and a limit of one", () => {
    expect(burst(null, 0, 7, 9).allowed).toBe(7);
    const one = burst(null, 0, 1, 2);
    expect(one.allowed).toBe(1);
    expect(one.last.retryAfterMs).toBe(60_000);
  });
});
