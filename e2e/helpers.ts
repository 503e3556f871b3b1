import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { E2E_ADMIN } from "../playwright.config";

export { E2E_ADMIN };

export async function signInWithForm(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs the request context in through the JSON API (its cookie jar keeps the session). */
export async function apiSignIn(request: APIRequestContext, email: string, password: string) {
  const res = await request.post("/api/auth/sign-in", { data: { email, password } });
  expect(res.status(), await res.text()).toBe(200);
}

/** An API client signed in as the e2e admin (for a journey's setup and clean-up); dispose it after. */
export async function adminContext(playwright: { request: { newContext(o: { baseURL?: string }): Promise<APIRequestContext> } }) {
  const request = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  await apiSignIn(request, E2E_ADMIN.email, E2E_ADMIN.password);
  return request;
}

/** axe's serious and critical WCAG 2 A/AA violations on the page (or inside `include`), one line each. */
export async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]);
  const results = await (include ? builder.include(include) : builder).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

/** Removes a journey's own tier (gone already is fine): the lab's tier advisor replays every enabled tier. */
export async function deleteTierViaApi(admin: APIRequestContext, tier: string) {
  expect([200, 404]).toContain((await admin.delete(`/api/admin/tiers/${tier}`)).status());
}

/**
 * A journey's own policy on the seeded simulated tiers fast/capable, with one keyword rule
 * ("refund" → capable), and its own simulated tier — applied afresh, so a retry starts clean.
 */
export async function ownPolicyAndTier(admin: APIRequestContext, names: { policy: string; rule: string; tier: string }) {
  await deleteTierViaApi(admin, names.tier);
  const config = { policies: [{ name: names.policy, tiers: ["fast", "capable"], rules: [{ name: names.rule, match: { keywords: ["refund"] }, tier: "capable" }] }] };
  const applied = await admin.post("/api/admin/config", { data: config });
  expect(applied.status(), await applied.text()).toBe(200);
  const created = await admin.post("/api/admin/tiers", { data: { name: names.tier, provider: "simulated", model: "llama-3.2-3b-instruct", timeoutMs: 30_000 } });
  expect(created.status(), await created.text()).toBe(201);
}

export type ClassifierVersion = { id: string; status: string; name: string };

/** A policy's classifier versions as the jobs page reads them. */
export async function classifierVersions(page: Page, policy = "default"): Promise<ClassifierVersion[]> {
  const res = await page.request.get(`/api/admin/classifiers?policy=${policy}`);
  expect(res.status()).toBe(200);
  return (await res.json()).items;
}

export async function createUserViaApi(request: APIRequestContext, user: { email: string; password: string; role: string; name?: string }) {
  const res = await request.post("/api/admin/users", { data: { name: "", ...user } });
  expect([201, 409]).toContain(res.status());
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
}
