import { describe, expect, it } from "vitest";
import type { PromotionImpact } from "@/lib/lab/promotion-impact";
import { prepareImpactRows, volumeNote } from "./prepare-promotion-impact";

const impact: PromotionImpact = {
  policy: "default",
  bias: 0.5,
  tiers: ["small", "large"],
  basis: "traffic",
  source: "300 requests of this policy with a stored prompt, own traffic, last 14 days",
  notes: [],
  before: { classifier: "default-v1", quality: 0.8, costPer1k: 2, costPerMonth: 60, shares: [0.7, 0.3] },
  after: { classifier: "default-v2", quality: 0.79, costPer1k: 2.46, costPerMonth: 73.8, shares: [0.6, 0.4] },
  costChange: 0.23,
  qualityChange: -0.01,
  requestsLastWeek: 7000,
  monthlyRequests: 30_000,
  n: 300,
  warnings: ["Cost rises by 23.0% (more than 10%).", "Quality falls by 1.0 points of adequate answers."],
};

describe("prepareImpactRows", () => {
  it("gives cost per 1,000, per month at the current volume, quality and the top tier's share, before → after", () => {
    expect(prepareImpactRows(impact)).toEqual([
      { key: "costPer1k", label: "Cost per 1,000 requests", before: "$2.00", after: "$2.46", change: "+23.0%", tone: "worse" },
      { key: "costPerMonth", label: "Cost per month (30,000 requests)", before: "$60.00", after: "$73.80", change: "+$13.80", tone: "worse" },
      { key: "quality", label: "Answers judged adequate", before: "80.0%", after: "79.0%", change: "−1.0 pp", tone: "worse" },
      { key: "topShare", label: "Requests sent to large", before: "30.0%", after: "40.0%", change: "+10.0 pp", tone: "same" },
    ]);
  });

  it("marks a cheaper, better candidate as better and an unchanged one as even", () => {
    const better = prepareImpactRows({ ...impact, after: { ...impact.after, costPer1k: 1.5, costPerMonth: 45, quality: 0.85 }, qualityChange: 0.05 });
    expect(better.map((r) => [r.key, r.tone, r.change])).toEqual([
      ["costPer1k", "better", "−25.0%"],
      ["costPerMonth", "better", "−$15.00"],
      ["quality", "better", "+5.0 pp"],
      ["topShare", "same", "+10.0 pp"],
    ]);
    const same = prepareImpactRows({ ...impact, after: impact.before, qualityChange: 0 });
    expect(same.map((r) => r.change)).toEqual(["±0", "±0", "±0", "±0"]);
    expect(prepareImpactRows({ ...impact, before: { ...impact.before, costPer1k: 0 } })[0]!.change).toBe("new");
  });
});

describe("volumeNote", () => {
  it("says how the month was reckoned", () => {
    expect(volumeNote(impact)).toBe("Per month at the current volume: 7,000 requests in the last 7 days × 30/7 = 30,000.");
  });
});
