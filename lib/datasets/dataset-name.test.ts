import { describe, expect, it } from "vitest";
import { datasetNameSchema, suggestDatasetName } from "./dataset-name";

describe("dataset names", () => {
  it("suggests a valid name from a file name", () => {
    expect(suggestDatasetName("Traffic (May).jsonl")).toBe("Traffic May");
    expect(suggestDatasetName("routeprofile.ndjson")).toBe("routeprofile");
    for (const file of ["Traffic (May).jsonl", "a/b\\c.json", "données été.txt"]) expect(datasetNameSchema.safeParse(suggestDatasetName(file)).success).toBe(true);
  });

  it("refuses empty names and odd characters", () => {
    expect(datasetNameSchema.safeParse("  ").error?.issues[0]?.message).toBe("Give the dataset a name.");
    expect(datasetNameSchema.safeParse("a/b").error?.issues[0]?.message).toBe("Use letters, digits, spaces, '.', ':', '_' or '-'.");
  });
});
