import { describe, expect, it } from "vitest";
import { diffAudit } from "@/lib/audit/diff-audit";
import type { TierView } from "@/lib/config/tier-view";
import { tierSchema } from "@/lib/routing/config-schema";
import { tierAfterCreate, tierAfterPatch, tierBeforeReview } from "./tier-review";

const stored: TierView = {
  ...tierSchema.parse({ name: "fast", provider: "openai", baseUrl: "https://api.example.com/v1", model: "m-small", options: { temperature: 0 } }),
  rank: 0,
  credentialHint: "…k3Xz",
  headerHints: { "x-org": "…abcd" },
  deploymentKeyHints: {},
  usedBy: ["default"],
};

describe("tier review diff", () => {
  it("shows changed settings field by field and never a typed secret", () => {
    const after = tierAfterPatch(stored, { timeoutMs: 45_000, apiKey: "sk-secret-value", options: { temperature: 0, headers: { "x-org": "org-secret", "x-new": "v" } } });
    const changes = diffAudit(tierBeforeReview(stored), after);
    expect(changes).toEqual([
      { path: "apiKey", before: "…k3Xz", after: "(new value)" },
      { path: "headers.x-new", before: null, after: "(new value)" },
      { path: "headers.x-org", before: "…abcd", after: "(new value)" },
      { path: "timeoutMs", before: 60_000, after: 45_000 },
    ]);
    expect(JSON.stringify(after)).not.toMatch(/sk-secret|org-secret/);
  });

  it("shows nothing for an unchanged tier, a removed key and header, and a new tier's fields", () => {
    expect(diffAudit(tierBeforeReview(stored), tierAfterPatch(stored, { enabled: true }))).toEqual([]);
    expect(diffAudit(tierBeforeReview(stored), tierAfterPatch(stored, { apiKey: null, options: { headers: { "x-org": null } } }))).toEqual([
      { path: "apiKey", before: "…k3Xz", after: null },
      { path: "headers.x-org", before: "…abcd", after: null },
      { path: "options.temperature", before: 0, after: null },
    ]);
    const created = tierAfterCreate({ name: "new", provider: "simulated", model: "m", apiKey: "sk-1" });
    expect(created).toMatchObject({ name: "new", provider: "simulated", model: "m", apiKey: "(new value)", headers: {} });
  });

  it("shows a deployment's key as its hint, a typed one as a new value, never the key", () => {
    const deployed: TierView = {
      ...stored,
      deployments: [{ name: "eu", baseUrl: "https://eu.example.com/v1", weight: 1 }],
      deploymentKeyHints: { eu: "…eu42" },
    };
    const after = tierAfterPatch(deployed, {
      deployments: [
        { name: "eu", baseUrl: "https://eu.example.com/v1", weight: 2 },
        { name: "us", baseUrl: "https://us.example.com/v1", weight: 1, apiKey: "sk-deployment-secret" },
      ],
    });
    const changes = diffAudit(tierBeforeReview(deployed), after);
    expect(changes).toEqual(expect.arrayContaining([expect.objectContaining({ after: "(new value)" }), expect.objectContaining({ before: 1, after: 2 })]));
    expect(JSON.stringify(tierBeforeReview(deployed))).toContain("…eu42");
    expect(JSON.stringify(after)).not.toMatch(/sk-deployment-secret/);
  });
});
