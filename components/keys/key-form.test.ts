import { describe, expect, it } from "vitest";
import { createApiKeySchema, updateApiKeySchema } from "@/lib/auth/api-key-schemas";
import { parseKeyForm } from "./key-form";

const form = (v: Partial<Parameters<typeof parseKeyForm>[0]>) => parseKeyForm({ name: "x", policy: "", budget: "", overBudget: "reject", rateLimit: "", ...v });

describe("parseKeyForm", () => {
  it("turns the form into the API input: empty policy = default policy, empty budget = no cap, empty rate limit = unlimited", () => {
    expect(parseKeyForm({ name: " billing-app ", policy: "", budget: "", overBudget: "reject", rateLimit: "" })).toEqual({
      ok: true,
      data: { name: "billing-app", policy: null, monthlyBudgetUsd: null, overBudget: "reject", rateLimitPerMinute: null },
    });
    expect(parseKeyForm({ name: "x", policy: "three-tier", budget: "$1,250.50", overBudget: "downgrade", rateLimit: " 1,200 " })).toMatchObject({
      ok: true,
      data: { policy: "three-tier", monthlyBudgetUsd: 1250.5, overBudget: "downgrade", rateLimitPerMinute: 1200 },
    });
  });

  it("says what to fix, with the server's own messages", () => {
    expect(parseKeyForm({ name: "", policy: "", budget: "-5", overBudget: "reject", rateLimit: "" })).toEqual({
      ok: false,
      errors: { name: "Give the key a name.", monthlyBudgetUsd: "The budget must be above 0." },
    });
    expect(form({ budget: "ten" })).toEqual({ ok: false, errors: { monthlyBudgetUsd: "Enter an amount in USD, like 25 or 12.50." } });
  });

  it.each([
    ["0", "The rate limit must be at least 1 request per minute."],
    ["-1", "The rate limit must be at least 1 request per minute."],
    ["1.5", "The rate limit must be a whole number of requests per minute."],
    ["sixty", "The rate limit must be a whole number of requests per minute."],
    ["100001", "The rate limit is at most 100,000 requests per minute."],
  ])("refuses the rate limit %s", (rateLimit, message) => {
    expect(form({ rateLimit })).toEqual({ ok: false, errors: { rateLimitPerMinute: message } });
  });
});

describe("rateLimitPerMinute in the API key schemas", () => {
  it("is optional on create (null = unlimited) and accepts 1..100000", () => {
    expect(createApiKeySchema.parse({ name: "a" }).rateLimitPerMinute).toBeNull();
    expect(createApiKeySchema.parse({ name: "a", rateLimitPerMinute: 1 }).rateLimitPerMinute).toBe(1);
    expect(createApiKeySchema.parse({ name: "a", rateLimitPerMinute: 100_000 }).rateLimitPerMinute).toBe(100_000);
    for (const bad of [0, -1, 1.5, 100_001, "60", Number.NaN]) expect(createApiKeySchema.safeParse({ name: "a", rateLimitPerMinute: bad }).success).toBe(false);
  });

  it("can be set, cleared (null) or left alone in an update", () => {
    expect(updateApiKeySchema.parse({ rateLimitPerMinute: 30 })).toEqual({ rateLimitPerMinute: 30 });
    expect(updateApiKeySchema.parse({ rateLimitPerMinute: null })).toEqual({ rateLimitPerMinute: null });
    expect(updateApiKeySchema.parse({ name: "b" })).toEqual({ name: "b" });
    for (const bad of [0, -1, 1.5, "x"]) expect(updateApiKeySchema.safeParse({ rateLimitPerMinute: bad }).success).toBe(false);
  });
});
