import { expect, test } from "@playwright/test";
import { apiSignIn, createUserViaApi, E2E_ADMIN, screenshot, signInWithForm } from "./helpers";

const OWNER = { email: "owner-lab@e2e.test", password: "owner-lab-password", role: "owner", name: "Olga Owner" };
const REVIEWER = { email: "reviewer-lab@e2e.test", password: "reviewer-lab-password", role: "reviewer", name: "Rex Reviewer" };

// Replays on the demo week run as worker jobs on a busy 2-core machine.
test.describe.configure({ timeout: 180_000 });

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  await apiSignIn(request, E2E_ADMIN.email, E2E_ADMIN.password);
  await createUserViaApi(request, OWNER);
  await createUserViaApi(request, REVIEWER);
  await request.dispose();
});

test("a product owner replays a candidate on the logged traffic, follows its progress and reads what would change", async ({ page }) => {
  await signInWithForm(page, OWNER.email, OWNER.password);
  await page.getByRole("link", { name: "Lab", exact: true }).click();
  await expect(page).toHaveURL(/\/lab$/);
  const form = page.getByRole("form", { name: "What would a change do?" });
  await expect(form.getByLabel("Policy")).toHaveValue("default");
  await form.getByLabel("Candidate bias").fill("2");
  await form.getByRole("button", { name: "Replay the candidate" }).click();
  await expect(form.getByRole("alert")).toContainText("bias");

  await form.getByLabel("Candidate bias").fill("0.8");
  await form.getByRole("button", { name: "Replay the candidate" }).click();
  const runs = page.getByRole("table", { name: "Lab runs" });
  await expect(runs.getByRole("row").nth(1)).toContainText("Replay of default: bias 0.8");
  await expect(runs.getByRole("progressbar").first()).toBeVisible();
  const report = page.getByRole("region", { name: "Replay report" });
  await expect(report).toBeVisible({ timeout: 150_000 });
  await expect(report).toContainText("Requests replayed");
  await expect(report).toContainText("Quality (share adequate)");
  await expect(runs.getByRole("row").nth(1)).toContainText("Succeeded");
  const changed = report.getByRole("table", { name: "Requests whose tier changes" });
  await expect(changed.getByRole("row").nth(1)).toContainText("up");
  await screenshot(page, "lab-replay");

  await form.getByRole("button", { name: "Two tiers or three?" }).click();
  const advice = page.getByRole("region", { name: "Tier advice", exact: true });
  await expect(advice).toBeVisible({ timeout: 150_000 });
  await expect(advice.getByRole("table", { name: "Tier sets replayed" }).getByRole("row")).toHaveCount(5);
  await expect(advice).toContainText("Recommended:");
  await screenshot(page, "lab-advice");
});

test("a reviewer has no lab: neither the page nor its API", async ({ page }) => {
  await signInWithForm(page, REVIEWER.email, REVIEWER.password);
  await expect(page).toHaveURL(/\/overview$/);
  await expect(page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Lab", exact: true })).toHaveCount(0);
  expect((await page.goto("/lab"))?.status()).toBe(403);
  expect((await page.request.get("/api/admin/lab/runs")).status()).toBe(403);
  expect((await page.request.post("/api/admin/lab/runs", { data: { kind: "advise-tiers", policy: "default", from: new Date(0), to: new Date() } })).status()).toBe(403);
});
