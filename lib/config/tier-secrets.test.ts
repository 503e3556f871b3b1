import { describe, expect, it } from "vitest";
import { tierSchema } from "../routing/config-schema";
import { keptDeployments, nextSecrets, splitSecrets } from "./tier-secrets";

const stored = { apiKey: "sk-stored", headers: { "OpenAI-Organization": "org-1", "X-Extra": "e" }, deploymentKeys: {} };

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
    expect(nextSecrets(stored, { apiKey: null }, false)).toEqual({ apiKey: null, headers: stored.headers, deploymentKeys: {} });
    expect(nextSecrets(stored, { headers: { "x-extra": null, "openai-organization": "org-2" } }, false)).toEqual({ apiKey: "sk-stored", headers: { "openai-organization": "org-2" }, deploymentKeys: {} });
  });

  it("drops everything stored when the tier moves, keeping only what the same change enters", () => {
    expect(nextSecrets(stored, {}, true)).toEqual({ apiKey: null, headers: {}, deploymentKeys: {} });
    expect(nextSecrets(stored, { headers: { "X-Extra": "again" } }, true)).toEqual({ apiKey: null, headers: { "X-Extra": "again" }, deploymentKeys: {} });
    expect(nextSecrets(stored, { apiKey: "sk-again" }, true)).toEqual({ apiKey: "sk-again", headers: {}, deploymentKeys: {} });
  });

  it("keeps a deployment's key per name while its base URL stays; a removed or moved deployment loses it", () => {
    const tier = tierSchema.parse({
      name: "t", provider: "openai", model: "m", baseUrl: "https://home.example/v1",
      deployments: [{ name: "eu", baseUrl: "https://eu.example/v1", apiKey: "sk-eu" }, { name: "us", baseUrl: "https://us.example/v1", apiKey: null }, { name: "ap", baseUrl: "https://ap.example/v1" }],
    });
    const { tier: config, secrets } = splitSecrets(tier);
    expect(config.deployments.some((d) => "apiKey" in d)).toBe(false);
    expect(secrets.deploymentKeys).toEqual({ eu: "sk-eu", us: null });
    const withKeys = { ...stored, deploymentKeys: { us: "sk-us", ap: "sk-ap", gone: "sk-gone" } };
    const before = [
      { name: "us", baseUrl: "https://us.example/v1", weight: 1 },
      { name: "ap", baseUrl: "https://ap-old.example/v1", weight: 1 },
      { name: "gone", baseUrl: "https://gone.example/v1", weight: 1 },
    ];
    const { kept, changed } = keptDeployments(before, config.deployments);
    expect([...kept]).toEqual(["us"]);
    expect(changed).toBe(true);
    // us: removed by null; ap: moved, its key dropped; gone: removed; eu: entered
    expect(nextSecrets(withKeys, secrets, false, kept).deploymentKeys).toEqual({ eu: "sk-eu" });
    // the tier's own move does not take its deployments' keys with it
    expect(nextSecrets(withKeys, {}, true, new Set(["us", "ap"])).deploymentKeys).toEqual({ us: "sk-us", ap: "sk-ap" });
  });

  it("refuses duplicate deployment names, bad URLs and weights below 1, with field paths", () => {
    const result = tierSchema.safeParse({
      name: "t", provider: "openai", model: "m", baseUrl: "https://home.example/v1",
      deployments: [{ name: "eu", baseUrl: "https://eu.example/v1" }, { name: "eu", baseUrl: "eu.example", weight: 0 }],
    });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(issues).toEqual(expect.arrayContaining(["deployments.1.baseUrl: use an http(s) URL like https://eu.example.com/v1", "deployments.1.weight: at least 1"]));
    const dup = tierSchema.safeParse({ name: "t", provider: "openai", model: "m", deployments: [{ name: "eu", baseUrl: "https://eu.example/v1" }, { name: "eu", baseUrl: "https://eu2.example/v1" }] });
    expect(dup.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual(['deployments.1.name: duplicate deployment name "eu"']);
    // a tier of deployments needs no base URL of its own; a simulated one takes none
    expect(tierSchema.safeParse({ name: "t", provider: "openai", model: "m", deployments: [{ name: "eu", baseUrl: "https://eu.example/v1" }] }).success).toBe(true);
    expect(tierSchema.safeParse({ name: "t", provider: "simulated", model: "m", deployments: [{ name: "eu", baseUrl: "https://eu.example/v1" }] }).success).toBe(false);
  });
});
