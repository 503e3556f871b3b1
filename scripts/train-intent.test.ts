import { describe, expect, it } from "vitest";
import { syntheticIntents } from "../lib/classifier/testing/synthetic-intents";
import { loadIntentModel } from "../lib/classifier/intent/load-intent-model";
import { DEFAULT_INTENT_ID, trainDefaultIntent } from "./train-intent";

describe("train-intent (small-data variant)", () => {
  it("produces byte-identical output when run twice, with the default id and domains", () => {
    const data = { train: syntheticIntents(30, 1, 20), val: syntheticIntents(10, 2, 10), test: [], domains: { weather: "utility" } };
    const options = { featurizer: { bits: 10, charNgrams: null, maxChars: 200 } as const };
    const one = trainDefaultIntent(data, options);
    expect(trainDefaultIntent(data, options)).toBe(one);
    const model = loadIntentModel(JSON.parse(one));
    expect(model.id).toBe(DEFAULT_INTENT_ID);
    expect(model.predict("what is the weather forecast rain")).toMatchObject({ intent: "weather", domain: "utility" });
  });
});
