import { describe, expect, it } from "vitest";
import { buildSnapshot } from "./build-snapshot";
import { configFileSchema } from "./config-schema";
import { ISSUE_CONFIG, stubClassifier } from "./testing/fixtures";

const file = configFileSchema.parse(ISSUE_CONFIG);

describe("buildSnapshot", () => {
  it("indexes tiers and policies by name and picks the default policy", () => {
    const snapshot = buildSnapshot({ ...file, heuristic: () => stubClassifier([0.5]) });
    expect([...snapshot.tiers.keys()]).toEqual(["fast", "capable"]);
    expect(snapshot.defaultPolicy).toBe("default");
    expect(snapshot.compiled.get("default")?.rules).toHaveLength(2);
    expect(snapshot.warnings).toEqual([]);
  });

  it("builds the heuristic once per tier count", () => {
    let built = 0;
    const snapshot = buildSnapshot({ ...file, heuristic: (n) => (built++, stubClassifier(Array(n - 1).fill(0.5), n)) });
    snapshot.heuristic(2);
    snapshot.heuristic(2);
    snapshot.heuristic(3);
    expect(built).toBe(2);
  });

  it("warns about a default policy that does not exist", () => {
    const snapshot = buildSnapshot({ ...file, defaultPolicy: "ghost", heuristic: () => stubClassifier([0.5]) });
    expect(snapshot.warnings).toEqual(['default policy "ghost" does not exist']);
  });

  it("falls back to the first policy when none is called default", () => {
    const renamed = { ...file, policies: file.policies.map((p) => ({ ...p, name: "support" })) };
    expect(buildSnapshot({ ...renamed, heuristic: () => stubClassifier([0.5]) }).defaultPolicy).toBe("support");
  });
});
