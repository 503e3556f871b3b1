import { describe, expect, it } from "vitest";
import { createUserSchema, updateUserSchema } from "./user-schemas";

describe("user schemas", () => {
  it("normalizes emails and applies defaults", () => {
    const user = createUserSchema.parse({ email: "  Ann@Example.COM ", role: "ops", password: "12345678" });
    expect(user).toEqual({ email: "ann@example.com", name: "", role: "ops", password: "12345678" });
  });

  it("explains every problem in words", () => {
    const result = createUserSchema.safeParse({ email: "", role: "root", password: "123" });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(messages).toEqual({
      email: "Enter an email address.",
      role: "Role must be one of: admin, ops, reviewer, owner.",
      password: "Passwords need at least 8 characters.",
    });
  });

  it("refuses empty and unknown updates", () => {
    expect(updateUserSchema.safeParse({}).success).toBe(false);
    expect(updateUserSchema.safeParse({ isAdmin: true }).success).toBe(false);
    expect(updateUserSchema.parse({ disabled: true })).toEqual({ disabled: true });
  });
});
