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
