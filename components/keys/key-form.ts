/**
 * The create/edit key forms → the API's input, validated with the same zod schemas the server
 * uses (lib/auth/api-key-schemas.ts). Empty policy = the default policy; empty budget = no cap;
 * empty rate limit = unlimited.
 */
import { createApiKeySchema, type CreateApiKeyInput } from "@/lib/auth/api-key-schemas";

export type KeyFormValues = { name: string; policy: string; budget: string; overBudget: string; rateLimit: string };
export type KeyFormErrors = Partial<Record<"name" | "policy" | "monthlyBudgetUsd" | "overBudget" | "rateLimitPerMinute" | "form", string>>;

export function parseKeyForm(v: KeyFormValues): { ok: true; data: Required<CreateApiKeyInput> } | { ok: false; errors: KeyFormErrors } {
  const budgetText = v.budget.trim().replace(/^\$/, "").replaceAll(",", "");
  const budget = budgetText === "" ? null : Number(budgetText);
  if (budget !== null && !Number.isFinite(budget)) return { ok: false, errors: { monthlyBudgetUsd: "Enter an amount in USD, like 25 or 12.50." } };
  const rateText = v.rateLimit.trim().replaceAll(",", "");
  // Not a number → NaN, which the schema refuses with its own message.
  const rateLimitPerMinute = rateText === "" ? null : Number(rateText);
  const parsed = createApiKeySchema.safeParse({ name: v.name, policy: v.policy || null, monthlyBudgetUsd: budget, overBudget: v.overBudget || "reject", rateLimitPerMinute });
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: KeyFormErrors = {};
  for (const issue of parsed.error.issues) errors[issue.path[0] as keyof KeyFormErrors] ??= issue.message;
  return { ok: false, errors };
}

export function formValues(form: HTMLFormElement): KeyFormValues {
  const data = new FormData(form);
  const text = (k: string) => String(data.get(k) ?? "");
  return { name: text("name"), policy: text("policy"), budget: text("budget"), overBudget: text("overBudget"), rateLimit: text("rateLimit") };
}
