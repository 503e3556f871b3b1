import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next-path";

describe("safeNextPath", () => {
  it("keeps same-site paths", () => {
    expect(safeNextPath("/users?page=2")).toBe("/users?page=2");
  });
  it("refuses open redirects and loops", () => {
    for (const bad of ["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "/sign-in?next=/x", "", undefined]) {
      expect(safeNextPath(bad)).toBe("/overview");
    }
  });
});
