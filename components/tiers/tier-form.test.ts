import { describe, expect, it } from "vitest";
import { DEFAULT_CAPABILITIES } from "@/lib/routing/config-schema";
import type { TierView } from "@/lib/config/tier-view";
import { capabilitySummary, droppedSecretsNote, dropsStoredKey, EMPTY_DEPLOYMENT, EMPTY_TIER_FORM, formFromTier, parseTierForm, tierPatchFrom } from "./tier-form";

const storedTier: TierView = {
  name: "pooled", kind: "chat", provider: "openai", baseUrl: "https://api.example.com/v1", model: "m", inputUsdPerMTok: 1, outputUsdPerMTok: 1, timeoutMs: 30000, enabled: true,
  options: {}, rank: 0, credentialHint: null, headerHints: {}, usedBy: [], capabilities: DEFAULT_CAPABILITIES, deployments: [], deploymentKeyHints: {},
};

const valid = { ...EMPTY_TIER_FORM, name: "fast", baseUrl: "https://api.example.com/v1", model: "small", inputUsdPerMTok: "0.15", outputUsdPerMTok: "$0.6" };

describe("tier form", () => {
  it("accepts a valid form and turns prices into numbers", () => {
    const parsed = parseTierForm(valid);
    expect(parsed).toMatchObject({ ok: true, input: { name: "fast", inputUsdPerMTok: 0.15, outputUsdPerMTok: 0.6, timeoutMs: 60000 } });
    expect(parsed.ok && "apiKey" in parsed.input).toBe(false);
  });

  it("shows the server's messages next to the fields: bad URL, negative price, not a number", () => {
    const parsed = parseTierForm({ ...valid, baseUrl: "api.example.com", inputUsdPerMTok: "-1", timeoutMs: "soon" });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.baseUrl).toMatch(/http:\/\/ or https:\/\//);
    expect(parsed.errors.inputUsdPerMTok).toBe("Can't be negative.");
    expect(parsed.errors.timeoutMs).toBe("Enter a number.");
  });

  it("requires a base URL for network providers but not for simulated ones", () => {
    const openai = parseTierForm({ ...valid, baseUrl: "" });
    expect(openai.ok ? null : openai.errors.baseUrl).toBe('required for provider "openai"');
    expect(parseTierForm({ ...valid, provider: "simulated", baseUrl: "" }).ok).toBe(true);
  });

  it("reports invalid options JSON", () => {
    const parsed = parseTierForm({ ...valid, options: "{latency:" });
    expect(parsed.ok ? null : parsed.errors.options).toMatch(/valid JSON/);
  });

  it("sends the key only when typed, and null when removal is ticked", () => {
    const tier = { ...valid, provider: "openai" };
    const parsed = parseTierForm(tier);
    if (!parsed.ok) throw new Error("expected valid");
    expect(tierPatchFrom(parsed.input, tier)).not.toHaveProperty("apiKey");
    expect(tierPatchFrom(parsed.input, { ...tier, removeApiKey: true }).apiKey).toBeNull();
    const typed = { ...tier, apiKey: "sk-new" };
    const withKey = parseTierForm(typed);
    if (!withKey.ok) throw new Error("expected valid");
    expect(tierPatchFrom(withKey.input, typed).apiKey).toBe("sk-new");
    expect(tierPatchFrom(withKey.input, typed)).toMatchObject({ baseUrl: "https://api.example.com/v1", outputUsdPerMTok: 0.6 });
  });

  it("warns that a changed base URL drops the stored key, unless a key is typed", () => {
    const tier = {
      name: "capable", kind: "chat" as const, provider: "openai" as const, baseUrl: "https://api.example.com/v1", model: "big", inputUsdPerMTok: 1, outputUsdPerMTok: 2, timeoutMs: 30000, enabled: true,
      options: {}, rank: 2, credentialHint: "…k3Xz", headerHints: {}, usedBy: [], capabilities: DEFAULT_CAPABILITIES, deployments: [], deploymentKeyHints: {},
    };
    const form = formFromTier(tier);
    expect(dropsStoredKey(tier, form)).toBe(false);
    expect(dropsStoredKey(tier, { ...form, baseUrl: "https://elsewhere.example/v1" })).toBe(true);
    expect(dropsStoredKey(tier, { ...form, baseUrl: "https://elsewhere.example/v1", apiKey: "sk-again" })).toBe(false);
    expect(dropsStoredKey({ ...tier, credentialHint: null }, { ...form, baseUrl: "https://elsewhere.example/v1" })).toBe(false);
    expect(dropsStoredKey(null, { ...form, baseUrl: "https://elsewhere.example/v1" })).toBe(false);
    // stored headers are dropped the same way, a typed key does not keep them
    const withHeaders = { ...tier, credentialHint: null, headerHints: { "X-Org": "…abcd" } };
    expect(dropsStoredKey(withHeaders, { ...form, baseUrl: "https://elsewhere.example/v1", apiKey: "sk-again" })).toBe(true);
    expect(droppedSecretsNote({ ...tier, headerHints: { "X-Org": "…abcd" } }, { ...form, baseUrl: "https://elsewhere.example/v1" })).toMatch(
      /^Changing the base URL drops the stored key \(…k3Xz\) and the stored headers \(X-Org\)/,
    );
  });

  it("round-trips a stored tier (which never carries its key)", () => {
    const form = formFromTier({
      name: "capable", kind: "chat" as const, provider: "simulated", model: "big", inputUsdPerMTok: 1, outputUsdPerMTok: 2, timeoutMs: 30000, enabled: false,
      options: { demo: true }, rank: 2, credentialHint: "…k3Xz", headerHints: { "X-Org": "…abcd" }, usedBy: ["default"], capabilities: DEFAULT_CAPABILITIES, deployments: [], deploymentKeyHints: {},
    });
    expect(form).toMatchObject({ apiKey: "", baseUrl: "", enabled: false, inputUsdPerMTok: "1" });
    expect(form.options).not.toContain("X-Org");
    expect(parseTierForm(form)).toMatchObject({ ok: true, input: { options: { demo: true } } });
  });

  it("edits capabilities: switches and token counts, checked by the same schema, sent whole in the patch", () => {
    expect(capabilitySummary(DEFAULT_CAPABILITIES)).toBe("tools · json schema · 128k context · 16Ki out");
    const form = { ...valid, canTools: false, canVision: true, contextTokens: "200000", maxOutputTokens: "8000" };
    const parsed = parseTierForm(form);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(tierPatchFrom(parsed.input, form).capabilities).toEqual({ tools: false, vision: true, jsonSchema: true, contextTokens: 200_000, maxOutputTokens: 8000 });
    const bad = parseTierForm({ ...valid, contextTokens: "lots", maxOutputTokens: "0" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(["capabilities.contextTokens", "capabilities.maxOutputTokens"]);
  });

  it("edits deployments: errors by row and field, keys sent only when typed (null when removal is ticked)", () => {
    const row = (over: Partial<typeof EMPTY_DEPLOYMENT>) => ({ ...EMPTY_DEPLOYMENT, ...over });
    const bad = parseTierForm({ ...valid, deployments: [row({ name: "eu", baseUrl: "https://eu.example/v1" }), row({ name: "eu", baseUrl: "eu.example", weight: "0" })] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors["deployments.1.name"]).toBe('duplicate deployment name "eu"');
      expect(bad.errors["deployments.1.baseUrl"]).toMatch(/http/);
      expect(bad.errors["deployments.1.weight"]).toMatch(/at least 1/i);
    }
    const form = { ...valid, deployments: [row({ name: "eu", baseUrl: "https://eu.example/v1", weight: "3", region: "eu-west", apiKey: "sk-eu" }), row({ name: "us", baseUrl: "https://us.example/v1", removeApiKey: true }), row({ name: "ap", baseUrl: "https://ap.example/v1" })] };
    const parsed = parseTierForm(form);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(tierPatchFrom(parsed.input, form).deployments).toEqual([
      { name: "eu", baseUrl: "https://eu.example/v1", weight: 3, region: "eu-west", apiKey: "sk-eu" },
      { name: "us", baseUrl: "https://us.example/v1", weight: 1, apiKey: null },
      { name: "ap", baseUrl: "https://ap.example/v1", weight: 1 },
    ]);
    const stored = formFromTier({ ...storedTier, deployments: [{ name: "eu", baseUrl: "https://eu.example/v1", weight: 3, region: "eu-west" }], deploymentKeyHints: { eu: "…Eu01" } });
    expect(stored.deployments).toEqual([row({ name: "eu", baseUrl: "https://eu.example/v1", weight: "3", region: "eu-west" })]);
  });
});
