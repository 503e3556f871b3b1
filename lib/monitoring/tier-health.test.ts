import { describe, expect, it } from "vitest";
import { isErrorRateHigh, tierVerdict } from "./tier-health";

describe("tier verdict", () => {
  it("is down while the breaker is open, whatever the error rate", () => {
    expect(tierVerdict({ attempts: 0, errors: 0, breakerOpen: true }, 0.05)).toBe("down");
  });

  it("fails above the threshold only with enough attempts", () => {
    expect(tierVerdict({ attempts: 19, errors: 19, breakerOpen: false }, 0.05)).toBe("ok");
    expect(tierVerdict({ attempts: 20, errors: 2, breakerOpen: false }, 0.05)).toBe("failing");
    expect(tierVerdict({ attempts: 20, errors: 1, breakerOpen: false }, 0.05)).toBe("ok"); // 5% is not above 5%
    expect(tierVerdict({ attempts: 0, errors: 0, breakerOpen: false }, 0.05)).toBe("idle");
    expect(isErrorRateHigh({ attempts: 5, errors: 5 }, 0.5, 5)).toBe(true);
  });
});
