import { describe, expect, it } from "vitest";
import { CLOSED, DEFAULT_BREAKER, Outcomes, canRequest, healthOf, recordFailure, recordSuccess, type BreakerState } from "./circuit-breaker";

const cfg = { ...DEFAULT_BREAKER, failureThreshold: 3, minSamples: 10, failureRate: 0.5, windowMs: 10_000, cooldownMs: 5_000 };

function fail(state: BreakerState, times: number, now: number): BreakerState {
  for (let i = 0; i < times; i++) state = recordFailure(state, now, cfg);
  return state;
}

describe("circuit breaker", () => {
  it("opens after N consecutive failures", () => {
    const two = fail(CLOSED, 2, 0);
    expect(two.status).toBe("closed");
    const three = recordFailure(two, 1, cfg);
    expect(three).toMatchObject({ status: "open", openedAt: 1 });
    expect(healthOf(three, 2, cfg)).toBe("unhealthy");
    expect(canRequest(three, 2, cfg).allowed).toBe(false);
  });

  it("a success resets the consecutive count", () => {
    const state = recordFailure(recordSuccess(fail(CLOSED, 2, 0), 1, cfg), 2, cfg);
    expect(state).toMatchObject({ status: "closed", consecutiveFailures: 1 });
  });

  it("opens on the failure rate in the window, with enough samples", () => {
    let state = CLOSED;
    for (let i = 0; i < 10; i++) state = i % 2 ? recordFailure(state, i, cfg) : recordSuccess(state, i, cfg);
    expect(state.status).toBe("open");
    let sparse = CLOSED;
    for (let i = 0; i < 4; i++) sparse = i % 2 ? recordFailure(sparse, i, cfg) : recordSuccess(sparse, i, cfg);
    expect(sparse.status).toBe("closed");
  });

  it("forgets outcomes older than the window", () => {
    let state = CLOSED;
    for (let i = 0; i < 9; i++) state = i % 2 ? recordFailure(state, i, cfg) : recordSuccess(state, i, cfg);
    state = recordSuccess(state, 20_000, cfg);
    expect(state.samples).toHaveLength(1);
  });

  it("goes half-open after the cooldown, lets one probe through, closes on success", () => {
    const open = fail(CLOSED, 3, 0);
    expect(healthOf(open, 4_999, cfg)).toBe("unhealthy");
    expect(healthOf(open, 5_000, cfg)).toBe("degraded");
    const probe = canRequest(open, 5_000, cfg);
    expect(probe).toMatchObject({ allowed: true, state: { status: "half-open", probesInFlight: 1 } });
    expect(canRequest(probe.state, 5_001, cfg).allowed).toBe(false);
    expect(recordSuccess(probe.state, 5_100, cfg)).toEqual(CLOSED);
  });

  it("re-opens on a failed probe, restarting the cooldown", () => {
    const probe = canRequest(fail(CLOSED, 3, 0), 6_000, cfg).state;
    const reopened = recordFailure(probe, 6_100, cfg);
    expect(reopened).toMatchObject({ status: "open", openedAt: 6_100 });
    expect(healthOf(reopened, 10_000, cfg)).toBe("unhealthy");
    expect(healthOf(reopened, 11_100, cfg)).toBe("degraded");
  });

  it("is pure: inputs are never mutated", () => {
    const before = JSON.stringify(CLOSED);
    fail(CLOSED, 5, 0);
    expect(JSON.stringify(CLOSED)).toBe(before);
  });

  it("outcome windows share a buffer but never see each other's outcomes", () => {
    const a = Outcomes.EMPTY.remember(1, true, 1000, 256).remember(2, false, 1000, 256);
    const newer = a.remember(3, true, 1000, 256);
    const branch = a.remember(4, false, 1000, 256);
    expect(newer.toJSON()).toEqual([{ at: 1, ok: true }, { at: 2, ok: false }, { at: 3, ok: true }]);
    expect(branch.toJSON()).toEqual([{ at: 1, ok: true }, { at: 2, ok: false }, { at: 4, ok: false }]);
    expect(a.toJSON()).toHaveLength(2);
    expect([a.failures(), newer.failures(), branch.failures()]).toEqual([1, 1, 2]);
    expect(Outcomes.EMPTY.length).toBe(0);
    const atZero = Outcomes.EMPTY.remember(0, false, 1000, 256).remember(0, true, 1000, 256);
    expect(atZero.toJSON()).toEqual([{ at: 0, ok: false }, { at: 0, ok: true }]);
    expect(atZero.failures()).toBe(1);
  });

  it("keeps the newest 256 outcomes across many appends (buffer compaction included)", () => {
    let w = Outcomes.EMPTY;
    for (let i = 1; i <= 5000; i++) w = w.remember(i, i % 3 !== 0, 1_000_000, 256);
    const kept = w.toJSON();
    expect(kept).toHaveLength(256);
    expect(kept[0]!.at).toBe(5000 - 255);
    expect(kept.at(-1)).toEqual({ at: 5000, ok: true });
    expect(w.failures()).toBe(kept.filter((s) => !s.ok).length);
  });
});
