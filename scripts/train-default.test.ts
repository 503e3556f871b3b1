import { describe, expect, it } from "vitest";
import { loadClassifier } from "../lib/classifier/load-classifier";
import { syntheticOutcomes, toJsonl } from "../lib/classifier/testing/synthetic-outcomes";
import { defaultRows, trainDefault } from "./train-default";

const sources = [
  { text: toJsonl(syntheticOutcomes(60, ["m1", "m2"], 1)), fast: "m1", capable: "m2" },
  { text: toJsonl(syntheticOutcomes(40, ["m3", "m4"], 2)), fast: "m3", capable: "m4" },
];

describe("train-default (small-data variant)", () => {
  it("maps each source's models onto the default tiers", () => {
    const rows = defaultRows(sources);
    expect(rows).toHaveLength(100);
    expect(Object.keys(rows[70].outcomes)).toEqual(["fast", "capable"]);
  });

  it("produces byte-identical output when run twice", () => {
    const options = { l2Grid: [1e-2, 1e-3], folds: 2 };
    const one = trainDefault(sources, options);
    const two = trainDefault(sources, options);
    expect(two).toBe(one);
    const clf = loadClassifier(JSON.parse(one));
    expect(clf.id).toBe("default-v1");
    expect(clf.tiers).toEqual(["fast", "capable"]);
  });
});
