import { describe, expect, it } from "vitest";
import { parseKeyForm } from "./key-form";

describe("parseKeyForm", () => {
  it("turns the form into the API input: empty policy = default policy, empty budget = no cap", () => {
    expect(parseKeyForm({ name: " billing-app ", policy: "", budget: "", overBudget: "reject" })).toEqual({
      ok: true,
      data: { name: "billing-app", policy: null, monthlyBudgetUsd: null, overBudget: "reject" },
    });
    expect(parseKeyForm({ name: "x", policy: "three-tier", budget: "$1,250.50", overBudget: "downgrade" })).toMatchObject({
      ok: true,
      data: { policy: "three-tier", monthlyBudgetUsd: 1250.5, overBudget: "downgrade" },
    });
  });

  it("says what to fix, with the server's own messages", () => {
    expect(parseKeyForm({ name: "", policy: "", budget: "-5", overBudget: "reject" })).toEqual({
      ok: false,
      errors: { name: "Give the key a name.", monthlyBudgetUsd: "The budget must be above 0." },
    });
    expect(parseKeyForm({ name: "x", policy: "", budget: "ten", overBudget: "reject" })).toEqual({ ok: false, errors: { monthlyBudgetUsd: "Enter an amount in USD, like 25 or 12.50." } });
  });
});
