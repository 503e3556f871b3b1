import { describe, expect, it } from "vitest";
import { can, navFor, PERMISSIONS, ROLES } from "./permissions";

describe("permission table", () => {
  it("gives user management to admins only", () => {
    expect(ROLES.filter((r) => can(r, "users:manage"))).toEqual(["admin"]);
  });

  it("matches the roles each console page is for", () => {
    expect(PERMISSIONS["tiers:manage"]).toEqual(["admin", "ops"]);
    expect(PERMISSIONS["policies:manage"]).toEqual(["admin", "owner"]);
    expect(PERMISSIONS["labels:write"]).toEqual(["admin", "reviewer"]);
    expect(PERMISSIONS["drift:view"]).toEqual(["admin", "ops", "owner"]);
    expect(ROLES.every((r) => can(r, "overview:view"))).toBe(true);
    expect(PERMISSIONS["alerts:manage"]).toEqual(["admin"]);
    expect(PERMISSIONS["health:view"]).toEqual(["admin", "ops"]);
  });

  it("shows each role only the pages it may open", () => {
    expect(navFor("reviewer").map((i) => i.href)).toEqual(["/overview", "/requests", "/labeling"]);
    expect(navFor("ops").map((i) => i.href)).not.toContain("/keys");
    expect(navFor("ops").map((i) => i.href)).toContain("/jobs");
    expect(navFor("owner").map((i) => i.href)).not.toContain("/jobs");
    expect(navFor("admin").map((i) => i.href)).toContain("/users");
  });
});
