import { describe, expect, it } from "vitest";
import { errorsByField, parseRetrainForm, RETRAIN_FORM_DEFAULTS, type RetrainFormValues } from "./retrain-form";

const DATASET = "0190a5b2-3c4d-7e5f-8a6b-7c8d9e0f1a2b";
const base: RetrainFormValues = { ...RETRAIN_FORM_DEFAULTS, policy: "default", datasets: [DATASET] };

describe("parseRetrainForm", () => {
  it("turns percent and text into the payload the API takes", () => {
    const parsed = parseRetrainForm({ ...base, holdoutPercent: "25", seed: " 42 ", labelsSince: "2025-03-01", includeEscalations: false });
    expect(parsed).toEqual({
      ok: true,
      data: { policy: "default", datasets: [DATASET], includeLabels: true, includeEscalations: false, includeShadow: true, labelsSince: new Date("2025-03-01"), holdout: 0.25, seed: 42 },
    });
  });

  it("uses the schema's defaults for an empty seed and hold-out", () => {
    const parsed = parseRetrainForm({ ...base, holdoutPercent: "", seed: "" });
    expect(parsed.ok && parsed.data).toMatchObject({ holdout: 0.2, seed: 1 });
    expect(parsed.ok && parsed.data.labelsSince).toBeUndefined();
  });

  it("reports each bad field with the schema's message", () => {
    const parsed = parseRetrainForm({ ...base, policy: " ", holdoutPercent: "70", seed: "1.5", labelsSince: "not a date" });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.policy).toBe("Choose a policy.");
    expect(parsed.errors.holdout).toBe("Hold out at most 50%.");
    expect(parsed.errors.seed).toBe("The seed is a whole number.");
    expect(parsed.errors.labelsSince).toBe("labelsSince must be a date");
    const low = parseRetrainForm({ ...base, holdoutPercent: "abc" });
    expect(!low.ok && low.errors.holdout).toBe("Enter the hold-out share as a number.");
  });

  it("needs at least one data source", () => {
    const none = parseRetrainForm({ ...base, datasets: [], includeLabels: false, includeEscalations: false, includeShadow: false });
    expect(none).toEqual({ ok: false, errors: { datasets: "Choose at least one data source." } });
    expect(parseRetrainForm({ ...base, datasets: [], includeLabels: false }).ok).toBe(true);
    expect(parseRetrainForm({ ...base, datasets: [], includeLabels: false, includeEscalations: false }).ok).toBe(true); // shadow pairs alone
  });
});

describe("errorsByField", () => {
  it("keeps the first message per field and sends unknown paths to the form", () => {
    expect(
      errorsByField([
        { path: "datasets", message: "unknown dataset" },
        { path: "datasets.0", message: "second" },
        { path: "(body)", message: "Unrecognized key" },
      ]),
    ).toEqual({ datasets: "unknown dataset", form: "Unrecognized key" });
  });
});
