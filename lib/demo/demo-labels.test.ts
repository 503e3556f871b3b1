import { describe, expect, it } from "vitest";
import { demoVerdict } from "./demo-labels";

const never = () => 0.5;

describe("demoVerdict", () => {
  it("asks for a more capable tier when the answer was weak and a higher tier did well", () => {
    expect(demoVerdict([0, 0.2, 1], 0, never)).toEqual({ verdict: "should-be-more-capable", correctIndex: 2 });
  });

  it("asks for a cheaper tier when a cheaper one would have done as well", () => {
    expect(demoVerdict([1, 1], 1, never)).toEqual({ verdict: "should-be-cheaper", correctIndex: 0 });
  });

  it("calls a good answer with no cheaper alternative, or a hopeless prompt, correct", () => {
    expect(demoVerdict([0, 1], 1, never)).toEqual({ verdict: "correct", correctIndex: null });
    expect(demoVerdict([0, 0], 0, never)).toEqual({ verdict: "correct", correctIndex: null });
  });

  it("uses odds when scores are unknown", () => {
    expect(demoVerdict([undefined, undefined], 0, () => 0.05).verdict).toBe("should-be-more-capable");
    expect(demoVerdict([undefined, undefined], 1, () => 0.95).verdict).toBe("should-be-cheaper");
    expect(demoVerdict([undefined, undefined], 0, () => 0.5).verdict).toBe("correct");
  });
});
