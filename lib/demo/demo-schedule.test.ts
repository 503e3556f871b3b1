import { describe, expect, it } from "vitest";
import { createRng } from "../providers/simulated-random";
import { demoId, demoTimes, driftWindow, hourWeight, promptMix } from "./demo-schedule";

const END = Date.parse("2026-01-08T00:00:00Z"); // a Thursday

describe("demo schedule", () => {
  it("is busier mid-afternoon than at night, and quieter at weekends", () => {
    expect(hourWeight(Date.parse("2026-01-07T14:00:00Z"))).toBeGreaterThan(4 * hourWeight(Date.parse("2026-01-07T03:00:00Z")));
    expect(hourWeight(Date.parse("2026-01-03T14:00:00Z"))).toBeLessThan(hourWeight(Date.parse("2026-01-07T14:00:00Z")));
  });

  it("spreads about `total` sorted times over the week, the same for the same seed", () => {
    const a = demoTimes(END, 7, 5000, createRng(1));
    const b = demoTimes(END, 7, 5000, createRng(1));
    expect(a).toEqual(b);
    expect(a.length).toBeGreaterThan(4500);
    expect(a.length).toBeLessThan(5500);
    expect(a[0]!).toBeGreaterThanOrEqual(END - 7 * 86_400_000);
    expect(a.at(-1)!).toBeLessThan(END);
    expect(a.every((t, i) => i === 0 || a[i - 1]! <= t)).toBe(true);
  });

  it("shifts the prompt mix to puzzles and hard tasks for one day mid-week", () => {
    const { from, to } = driftWindow(END);
    expect(to - from).toBe(86_400_000);
    const mix = promptMix(from + 1000, END);
    expect(mix.puzzles + mix.hard).toBeGreaterThan(0.5);
    expect(promptMix(from - 1000, END)).toMatchObject({ puzzles: 0, hard: 0 });
  });

  it("makes time-ordered UUIDv7 ids", () => {
    const rng = createRng(3);
    const a = demoId(END - 1000, rng);
    const b = demoId(END, rng);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
  });
});
