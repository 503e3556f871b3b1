import { describe, expect, it } from "vitest";
import { tierSchema } from "../routing/config-schema";
import { nextSecrets, splitSecrets } from "./tier-secrets";

const stored = { apiKey: "sk-stored", headers: { "OpenAI-Organization": "org-1", "X-Extra": "e" } };

describe("tier secrets", () => {
  it("splits the key and options.headers off the tier's config", () => {
    const tier = tierSchema.parse({ name: "t", provider: "simulated", model: "m", apiKey: "sk-new", options: { latency: { kind: "fixed", ms: 1 }, headers: { "X-A": "1", "X-B": null } } });
    const { tier: config, secrets } = splitSecrets(tier);
    expect(config).not.toHaveProperty("apiKey");
    expect(config.options).toEqual({ latency: { kind: "fixed", ms: 1 } });
    expect(secrets).toEqual({ apiKey: "sk-new", headers: { "X-A": "1", "X-B": null } });
    expect(splitSecrets(tierSchema.parse({ name: "t", provider: "simulated", model: "m" })).secrets).toEqual({});
  });

  it("refuses header names and values that are not headers", () => {
    const parse = (headers: unknown) => splitSecrets(tierSchema.parse({ name: "t", provider: "simulated", model: "m", options: { headers } }));
    expect(() => parse({ "Bad Name": "x" })).toThrow(/options.headers.Bad Name: Not a valid header name/);
    expect(() => parse({ "X-A": "a\r\nX-Injected: 1" })).toThrow(/No line breaks/);
    expect(() => parse({ "X-A": 5 })).toThrow(/Use a string/);
    expect(() => parse(["X-A"])).toThrow(/use an object/i);
  });

  it("changes only what the input names: absent keeps, null removes, a value replaces (names case-insensitive)", () => {
    expect(nextSecrets(stored, {}, false)).toEqual(stored);
    expect(nextSecrets(stored, { apiKey: null }, false)).toEqual({ apiKey: null, headers: stored.headers });
    expect(nextSecrets(stored, { headers: { "x-extra": null, "openai-organization": "org-2" } }, false)).toEqual({ apiKey: "sk-stored", headers: { "openai-organization": "org-2" } });
  });

  it("drops everything stored when the tier moves, keeping only what the same change enters", () => {
    expect(nextSecrets(stored, {}, true)).toEqual({ apiKey: null, headers: {} });
    expect(nextSecrets(stored, { headers: { "X-Extra": "again" } }, true)).toEqual({ apiKey: null, headers: { "X-Extra": "again" } });
    expect(nextSecrets(stored, { apiKey: "sk-again" }, true)).toEqual({ apiKey: "sk-again", headers: {} });
  });
});
