import { describe, expect, it } from "vitest";
import { isCrossSiteMutation } from "./same-origin";

const req = (method: string, headers: Record<string, string>) => new Request("http://router.local:3000/api/x", { method, headers });

describe("isCrossSiteMutation", () => {
  it("lets same-origin and non-browser mutations through", () => {
    expect(isCrossSiteMutation(req("POST", { host: "router.local:3000", origin: "http://router.local:3000" }))).toBe(false);
    expect(isCrossSiteMutation(req("POST", { host: "router.local:3000" }))).toBe(false);
    expect(isCrossSiteMutation(req("GET", { host: "router.local:3000", origin: "https://evil.example" }))).toBe(false);
  });

  it("refuses mutations from other sites", () => {
    expect(isCrossSiteMutation(req("POST", { host: "router.local:3000", origin: "https://evil.example" }))).toBe(true);
    expect(isCrossSiteMutation(req("PATCH", { host: "router.local:3000", origin: "null" }))).toBe(true);
    expect(isCrossSiteMutation(req("DELETE", { host: "router.local:3000", "sec-fetch-site": "cross-site" }))).toBe(true);
    expect(isCrossSiteMutation(req("POST", { host: "router.local:3000", origin: "http://router.local:3001" }))).toBe(true);
  });
});
