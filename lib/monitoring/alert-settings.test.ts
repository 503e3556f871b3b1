import { describe, expect, it } from "vitest";
import { alertSettingsSchema, DEFAULT_ALERT_SETTINGS, evaluateAlerts } from "./alert-settings";

const measurements = { requests: 500, randomLabels: 40, values: { lastStageShare: 0.95, tierPsi: 0.1, scorePsi: null, misrouteQuality: 0.25, misrouteCost: 0.5, errorRate: 0.01 } };

describe("alert settings", () => {
  it("fills defaults and refuses out-of-range thresholds and unknown keys", () => {
    expect(alertSettingsSchema.parse({}).tierPsi).toEqual({ enabled: true, above: 0.25 });
    expect(alertSettingsSchema.safeParse({ lastStageShare: { enabled: true, above: 1.5 } }).success).toBe(false);
    expect(alertSettingsSchema.safeParse({ tierPsi: { enabled: true, above: -1 } }).success).toBe(false);
    expect(alertSettingsSchema.safeParse({ psi: 1 }).success).toBe(false);
  });

  it("fires enabled rules above their threshold only", () => {
    const firing = evaluateAlerts(DEFAULT_ALERT_SETTINGS, measurements);
    // lastStageShare 0.95 > 0.9; misrouteQuality 0.25 > 0.2; misrouteCost disabled by default; tierPsi, errorRate below
    expect(firing.map((f) => f.metric)).toEqual(["lastStageShare", "misrouteQuality"]);
    expect(firing[0]!.message).toBe("Share reaching the last stage is 95.0% (threshold 90.0%).");
  });

  it("stays quiet without enough data", () => {
    expect(evaluateAlerts(DEFAULT_ALERT_SETTINGS, { ...measurements, requests: 10 }).map((f) => f.metric)).toEqual(["misrouteQuality"]);
    expect(evaluateAlerts(DEFAULT_ALERT_SETTINGS, { ...measurements, randomLabels: 3 }).map((f) => f.metric)).toEqual(["lastStageShare"]);
  });

  it("fires a PSI rule set low", () => {
    const settings = { ...DEFAULT_ALERT_SETTINGS, tierPsi: { enabled: true, above: 0.05 } };
    expect(evaluateAlerts(settings, measurements).map((f) => f.metric)).toContain("tierPsi");
  });
});
