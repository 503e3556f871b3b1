import { expect, test } from "@playwright/test";
import { apiSignIn, createUserViaApi, E2E_ADMIN, screenshot, signInWithForm } from "./helpers";

const REVIEWER = { email: "reviewer@e2e.test", password: "reviewer-password", role: "reviewer", name: "Rita Reviewer" };

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  await apiSignIn(request, E2E_ADMIN.email, E2E_ADMIN.password);
  await createUserViaApi(request, REVIEWER);
  await request.dispose();
});

test("an admin signs in, sees the shell, and signs out", async ({ page }) => {
  await page.goto("/overview");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Foverview/);
  await screenshot(page, "sign-in");
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(/\/overview$/);
  const header = page.getByRole("banner");
  await expect(header.getByRole("link", { name: /Frontdesk/ })).toBeVisible();
  await expect(header.getByTestId("current-user")).toContainText(E2E_ADMIN.email);
  await expect(header.getByTestId("current-role")).toHaveText("Admin");
  const nav = page.getByRole("navigation", { name: "Main" }).first();
  await expect(nav.getByRole("link", { name: "Users" })).toBeVisible();
  await screenshot(page, "overview-admin");

  await header.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/users");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fusers/);
});

test("a wrong password shows an error and keeps you on the sign-in page", async ({ page }) => {
  await signInWithForm(page, E2E_ADMIN.email, "definitely-wrong");
  const alert = page.getByRole("alert").filter({ hasText: /\S/ });
  await expect(alert).toHaveText("That email and password don't match an active account.");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("Email").fill("not an email");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
  await screenshot(page, "sign-in-errors");
});

test("a reviewer cannot open the users page by link, by URL or by API", async ({ page }) => {
  await signInWithForm(page, REVIEWER.email, REVIEWER.password);
  await expect(page).toHaveURL(/\/overview$/);
  await expect(page.getByTestId("current-role")).toHaveText("Reviewer");
  await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);

  const response = await page.goto("/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await screenshot(page, "users-forbidden-reviewer");

  const api = await page.request.get("/api/admin/users");
  expect(api.status()).toBe(403);
  const create = await page.request.post("/api/admin/users", { data: { email: "sneaky@e2e.test", role: "admin", password: "sneaky-password" } });
  expect(create.status()).toBe(403);
});

test("unknown pages get the 404 page; pages carry security headers", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
});
