import { describe, expect, it } from "vitest";
import { syntheticIntents } from "../testing/synthetic-intents";
import { evaluateIntents } from "./evaluate-intent";
import { intentArtifactSchema, serializeIntentArtifact } from "./intent-artifact";
import { loadIntentModel } from "./load-intent-model";
import { predictIntent } from "./predict-intent";
import { trainIntentModel } from "./train-intent";

const small = { featurizer: { bits: 10, charNgrams: null, maxChars: 200 }, l2: 1e-3 } as const;

describe("trainIntentModel", () => {
  const train = syntheticIntents(40, 1, 30);
  const val = syntheticIntents(15, 2, 15);
  const test = syntheticIntents(20, 3, 20);
  const domains = { card_arrival: "banking", balance: "banking", weather: "utility" };
  const { artifact, validation } = trainIntentModel(train, val, { ...small, domains, seed: 5 });
  const model = loadIntentModel(JSON.parse(serializeIntentArtifact(artifact)));

  it("learns the keyword intents and flags the unrelated ones", () => {
    expect(model.intents).toEqual(["balance", "card_arrival", "weather"]);
    expect(model.domains).toEqual(["banking", "utility"]);
    const m = evaluateIntents(test, test.map((e) => predictIntent(model, e.text)));
    expect(m.inScopeAccuracy).toBeGreaterThan(0.95);
    expect(m.oosRecall).toBeGreaterThan(0.9);
    expect(validation?.examples).toBe(val.length);
  });

  it("predicts intent, domain, probability and scope", () => {
    const p = predictIntent(model, "when will my card arrive by post");
    expect(p).toMatchObject({ intent: "card_arrival", domain: "banking", outOfScope: false });
    expect(p.p).toBeGreaterThan(0.5);
    const far = predictIntent(model, "a chess poem about a volcano");
    expect(far.outOfScope).toBe(true);
  });

  it("writes a valid, versioned artifact that is byte-for-byte the same for a seed", () => {
    expect(intentArtifactSchema.safeParse(artifact).success).toBe(true);
    expect(artifact).toMatchObject({ format: "frontdesk-intent", version: 1, oosLabel: "oos" });
    const again = trainIntentModel(train, val, { ...small, domains, seed: 5 }).artifact;
    expect(serializeIntentArtifact(again)).toBe(serializeIntentArtifact(artifact));
  });

  it("round-trips: the loaded model predicts the same as one loaded from the serialized text", () => {
    const direct = loadIntentModel(artifact);
    for (const e of test.slice(0, 20)) expect(model.predict(e.text)).toEqual(direct.predict(e.text));
  });

  it("holds out a seeded 10% for the threshold when there is no validation split and some oos data", () => {
    const a = trainIntentModel(train, null, { ...small, seed: 1 }).artifact;
    const b = trainIntentModel(train, null, { ...small, seed: 2 }).artifact;
    expect(a.training).toMatchObject({ examples: 135, validationExamples: 15, validation: "10% held out (seeded)" });
    expect(serializeIntentArtifact(a)).not.toBe(serializeIntentArtifact(b));
  });

  it("without out-of-scope data: no oos class, threshold 0, no prediction is out of scope", () => {
    const inScope = syntheticIntents(30, 4);
    const { artifact: a } = trainIntentModel(inScope, null, small);
    expect(a.oosLabel).toBeNull();
    expect(a.threshold).toBe(0);
    const m = loadIntentModel(a);
    expect(m.predict("a chess poem about a volcano").outOfScope).toBe(false);
  });

  it("refuses an artifact with problems, listing them", () => {
    expect(() => loadIntentModel({ ...artifact, oosLabel: "nope" })).toThrow(/oosLabel/);
    expect(() => loadIntentModel({ ...artifact, version: 2 })).toThrow(/invalid intent artifact/);
  });
});
