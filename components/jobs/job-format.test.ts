import { describe, expect, it } from "vitest";
import { describeSources, formatDuration, jobDurationMs, progressPercent, progressTone } from "./job-format";

describe("job formatting", () => {
  it("formats durations from seconds to hours", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(-5)).toBe("—");
    expect(formatDuration(12_400)).toBe("12 s");
    expect(formatDuration(65_000)).toBe("1 min 5 s");
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000)).toBe("2 h 5 min");
  });

  it("measures a finished job start to finish and a running one up to now", () => {
    const startedAt = "2025-01-01T10:00:00.000Z";
    expect(jobDurationMs({ startedAt, finishedAt: "2025-01-01T10:00:30.000Z" }, 0)).toBe(30_000);
    expect(jobDurationMs({ startedAt, finishedAt: null }, Date.parse("2025-01-01T10:01:00.000Z"))).toBe(60_000);
    expect(jobDurationMs({ startedAt: null, finishedAt: null }, 0)).toBeNull();
  });

  it("gives a whole percent, 100 for a succeeded job, clamped", () => {
    expect(progressPercent({ status: "running", progress: 0.427 })).toBe(43);
    expect(progressPercent({ status: "succeeded", progress: 0.97 })).toBe(100);
    expect(progressPercent({ status: "failed", progress: 1.4 })).toBe(100);
    expect(progressPercent({ status: "queued", progress: -1 })).toBe(0);
    expect(["queued", "running", "succeeded", "failed", "cancelled"].map((s) => progressTone(s as never))).toEqual(["brand", "brand", "green", "red", "slate"]);
  });

  it("describes a job's data sources", () => {
    expect(describeSources({ policy: "default", datasets: ["a"], includeLabels: true, includeEscalations: false })).toBe("policy default · 1 dataset · labels");
    expect(describeSources({ policy: "p", datasets: ["a", "b"], includeLabels: true, labelsSince: "2025-02-01T00:00:00.000Z", includeEscalations: true })).toBe(
      "policy p · 2 datasets · labels since 2025-02-01 · escalations",
    );
  });
});
