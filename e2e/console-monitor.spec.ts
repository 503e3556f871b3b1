import { expect, test, type APIRequestContext } from "@playwright/test";
import { apiSignIn, createUserViaApi, E2E_ADMIN, screenshot, signInWithForm } from "./helpers";

const OPS = { email: "ops-monitor@e2e.test", password: "ops-monitor-password", role: "ops", name: "Otto Ops" };
const REVIEWER = { email: "reviewer-monitor@e2e.test", password: "reviewer-monitor-password", role: "reviewer", name: "Rhea Reviewer" };

async function adminContext(playwright: { request: { newContext: (o: { baseURL?: string }) => Promise<APIRequestContext> } }) {
  const request = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  await apiSignIn(request, E2E_ADMIN.email, E2E_ADMIN.password);
  return request;
}

// Chart pages on a busy 2-core machine: give each journey room.
test.describe.configure({ timeout: 90_000 });

test.beforeAll(async ({ playwright }) => {
  const request = await adminContext(playwright);
  await createUserViaApi(request, OPS);
  await createUserViaApi(request, REVIEWER);
  await request.dispose();
});

// Thresholds changed here must not leave a banner on other journeys' pages.
test.afterAll(async ({ playwright }) => {
  const request = await adminContext(playwright);
  const { settings } = await (await request.get("/api/admin/alerts")).json();
  await request.put("/api/admin/alerts", { data: { ...settings, lastStageShare: { enabled: true, above: 0.9 } } });
  await request.dispose();
});

test("the overview's ledger says per policy whether routing pays off, net of waste, and why", async ({ page }) => {
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.getByRole("button", { name: "Last 7 d" }).click();
  const ledger = page.getByRole("region", { name: "Is routing paying off?" });
  await expect(ledger).toBeVisible();
  const support = ledger.getByRole("listitem").filter({ hasText: "support-desk" }).first();
  await expect(support).toContainText("Net saving");
  const saving = Number((await support.getByText(/^\d+\.\d%$/).first().textContent())!.replace("%", ""));
  expect(saving).toBeGreaterThan(20); // a support desk's mostly simple traffic: routing pays
  await expect(support).toContainText(/Pays off|Not worth it here/);
  await support.getByRole("button", { name: "Why?" }).click();
  const reasons = support.getByRole("list", { name: "Verdict for support-desk" });
  await expect(reasons).toContainText("saves");
  await expect(reasons).toContainText("escalations");
  await expect(ledger.getByRole("listitem").filter({ hasText: "default" }).first()).toContainText("Waste");
  await screenshot(page, "monitor-overview-ledger");
});

test("the overview shows the demo week with its charts, and the range picker keeps the range in the URL", async ({ page }) => {
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(/\/overview$/);
  await expect(page.getByRole("note")).toContainText("demo requests");
  await page.getByRole("button", { name: "Last 7 d" }).click();
  await expect(page).toHaveURL(/range=7d/);
  for (const chart of ["Requests over time", "Cost vs. everything on the most capable tier", "Share per tier", "Share per deciding stage", "Escalation and error rate", "Latency per tier (p50 / p95)"]) {
    await expect(page.getByRole("region", { name: chart })).toBeVisible();
  }
  await expect(page.getByText("Money saved")).toBeVisible();
  await expect(page.locator(".recharts-surface").first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Share per tier" })).toContainText(/fast \d+%/);
  await screenshot(page, "monitor-overview-7d");

  await page.getByRole("button", { name: "Custom" }).click();
  const to = new Date();
  const from = new Date(to.getTime() - 2 * 86_400_000);
  const local = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  await page.getByLabel("From", { exact: true }).fill(local(from));
  await page.getByLabel("To", { exact: true }).fill(local(to));
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/range=custom&from=.*&to=/);
  await expect(page.getByRole("region", { name: "Requests over time" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("button", { name: "Custom" })).toHaveAttribute("aria-pressed", "true");

  await page.getByRole("button", { name: "Last 1 h" }).click();
  await expect(page).toHaveURL(/range=1h/);
  await screenshot(page, "monitor-overview-1h");

  await page.getByRole("button", { name: "Remove demo data" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Remove all demo data?" });
  await expect(dialog).toBeVisible();
  await screenshot(page, "monitor-overview-remove-demo");
  await dialog.getByRole("button", { name: "Cancel" }).click(); // other journeys use the demo data
  await expect(dialog).toBeHidden();
});

test("a reviewer sees the overview and the request log (read-only) but not drift", async ({ page }) => {
  await signInWithForm(page, REVIEWER.email, REVIEWER.password);
  await expect(page).toHaveURL(/\/overview$/);
  await expect(page.getByRole("region", { name: "Share per tier" })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole("button", { name: "Remove demo data" })).toHaveCount(0);
  const nav = page.getByRole("navigation", { name: "Main" }).first();
  await expect(nav.getByRole("link", { name: "Drift" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Requests" })).toHaveCount(1);
  expect((await page.request.get("/api/admin/drift?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z")).status()).toBe(403);
  expect((await page.request.get("/api/admin/requests?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z")).status()).toBe(200);
  expect((await page.goto("/drift"))?.status()).toBe(403);
});

test("drift shows PSI per window, and a low threshold raises a banner on every page", async ({ page }) => {
  await signInWithForm(page, OPS.email, OPS.password);
  await expect(page).toHaveURL(/\/overview$/);
  await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Drift" }).click();
  await expect(page).toHaveURL(/\/drift/);
  await expect(page.getByRole("region", { name: "Population stability index per window" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Tier distribution over time" })).toBeVisible();
  await expect(page.getByText("Tier mix PSI").first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Misroute rates from labels" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Drift alerts" })).toHaveCount(0);
  await screenshot(page, "monitor-drift");

  const threshold = page.getByLabel("Threshold: Share reaching the last stage (%)");
  await threshold.fill("1");
  await page.getByRole("button", { name: "Save thresholds" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible({ timeout: 15_000 });
  const banner = page.getByRole("region", { name: "Drift alerts" });
  await expect(banner).toContainText("Share reaching the last stage", { timeout: 15_000 });
  await page.getByLabel("Threshold: Share reaching the last stage (%)").fill("-5");
  await page.getByRole("button", { name: "Save thresholds" }).click();
  await expect(page.getByText("must be ≥ 0")).toBeVisible();

  await page.goto("/requests");
  await expect(page.getByRole("region", { name: "Drift alerts" })).toContainText("Share reaching the last stage is", { timeout: 15_000 });
  await screenshot(page, "monitor-alert-banner");
  await page.getByRole("region", { name: "Drift alerts" }).getByRole("link", { name: "Open drift" }).click();
  await expect(page).toHaveURL(/\/drift/);
});

test("the request log filters by stage and opens a request's trace and latency breakdown", async ({ page }) => {
  await signInWithForm(page, OPS.email, OPS.password);
  await expect(page).toHaveURL(/\/overview$/);
  await page.goto("/requests?range=7d");
  const table = page.getByRole("table");
  await expect(table.getByRole("row").nth(1)).toBeVisible();
  await page.getByLabel("Stage").selectOption("escalation");
  await expect(page).toHaveURL(/stage=escalation/);
  await expect(table.getByRole("row").nth(1)).toContainText("escalation");
  const stages = await table.locator("tbody tr td:nth-child(5)").allInnerTexts();
  expect(stages.length).toBeGreaterThan(0);
  expect(stages.every((s) => s.trim() === "escalation")).toBe(true);
  await screenshot(page, "monitor-requests-filtered");

  await table.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("region", { name: "Latency breakdown" })).toContainText("low confidence → escalated");
  await expect(page.getByRole("region", { name: "Decision trace" })).toContainText("classifier");
  await expect(page.getByRole("region", { name: "Prompt" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Labels" })).toBeVisible();
  await screenshot(page, "monitor-request-detail");

  // A text search is bounded per call: on a loaded machine it may stop short of the range's start and offer to search older.
  await page.goto("/requests?range=7d&q=zzzz-no-such-prompt");
  const noMatch = page.getByText("No requests match these filters");
  const older = page.getByRole("button", { name: "Search older" });
  await expect(noMatch.or(older)).toBeVisible();
  await expect(async () => {
    if (await older.isVisible()) await older.click({ timeout: 2_000 });
    await expect(noMatch).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await page.goto("/requests/00000000-0000-7000-8000-000000000000");
  await expect(page.getByText("No such request")).toBeVisible();
});
