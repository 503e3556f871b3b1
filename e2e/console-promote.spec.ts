import { expect, test } from "@playwright/test";
import { DEMO_DATASET } from "../lib/demo/demo-dataset";
import { apiSignIn, createUserViaApi, E2E_ADMIN, screenshot, signInWithForm, classifierVersions, seriousViolations } from "./helpers";

// Promotion that informs: a fresh candidate's metrics come grouped and explained, the promote
// dialog shows what the switch would cost per month and do to quality before anything changes;
// and the policies slider asks before an unsaved move is lost.

const OPS = { email: "ops.promote@e2e.test", password: "ops-promote-password", role: "ops", name: "Pat Promote" };
const OWNER = { email: "owner.promote@e2e.test", password: "owner-promote-password", role: "owner", name: "Olive Owner" };

// Training runs in the worker inside `npm start`: seconds, but a busy machine is slow.
test.describe.configure({ timeout: 180_000 });

test.beforeAll(async ({ playwright }) => {
  const admin = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  await apiSignIn(admin, E2E_ADMIN.email, E2E_ADMIN.password);
  for (const user of [OPS, OWNER]) await createUserViaApi(admin, user);
  await admin.dispose();
});

test("promote with impact shown", async ({ page }) => {
  await signInWithForm(page, OPS.email, OPS.password);
  await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Jobs" }).click();
  const activeBefore = (await classifierVersions(page)).find((v) => v.status === "active");
  expect(activeBefore, "the seed activates the shipped classifier").toBeTruthy();

  const form = page.getByRole("form", { name: "Start retraining" });
  await form.getByLabel("Include reviewer labels").uncheck();
  await form.getByLabel("Include escalations").uncheck();
  await form.getByLabel("Include graded shadow pairs").uncheck();
  await form.getByRole("checkbox", { name: new RegExp(`^${DEMO_DATASET.name}`) }).check();
  await form.getByLabel("Hold-out (%)").fill("20");
  await form.getByLabel("Seed").fill("11");
  await form.getByRole("button", { name: "Start retraining" }).click();
  const detail = page.getByRole("region", { name: /^Job from/ });
  await expect(detail.getByRole("progressbar", { name: "Job progress" })).toHaveAttribute("aria-valuenow", "100", { timeout: 120_000 });
  await expect(detail.getByText("Succeeded", { exact: true })).toBeVisible();

  // Metrics grouped, each group judged once, each metric explained where it is shown.
  const result = detail.getByRole("region", { name: "Result" });
  const metrics = result.getByRole("table", { name: "Candidate vs active metrics" });
  for (const group of ["Quality", "Cost", "Calibration"]) await expect(metrics.getByRole("columnheader", { name: new RegExp(`^${group}: `) })).toBeVisible();
  await expect(metrics.getByRole("rowheader", { name: /^APGR/ })).toContainText("quality gap between always-cheapest and always-strongest");
  await expect(metrics.getByRole("rowheader", { name: /^ECE/ })).toContainText("stated probabilities");
  await expect(result).toContainText(/groups/);
  await expect(result).not.toContainText(/of 9 metrics/);
  await expect(result.getByTestId("evaluation-source")).toContainText(`held-out set of`);
  await expect(result.getByTestId("evaluation-source")).toContainText(DEMO_DATASET.name);

  // The curves on axes from zero (like the slider's chart): both axes tick 0% … 100% (cost as a share of the top tier, quality).
  const curves = result.getByRole("region", { name: "Cost–quality curves" });
  for (const tick of ["0%", "50%", "100%"]) await expect(curves.getByText(tick, { exact: true })).toHaveCount(2);
  await curves.screenshot({ path: "e2e/screenshots/promote-curves.png" });

  // The promote dialog: cost per 1,000 and per month, before → after, and quality, before anything changes.
  await result.getByRole("button", { name: "Promote" }).click();
  const promote = page.getByRole("alertdialog", { name: /^Promote / });
  const impact = promote.getByRole("region", { name: "Projected impact" });
  await expect(impact).toBeVisible({ timeout: 30_000 });
  const table = impact.getByRole("table", { name: "Projected impact" });
  await expect(table.getByRole("row", { name: /^Cost per 1,000 requests \$[\d.,]+ \$[\d.,]+ / })).toBeVisible();
  await expect(table.getByRole("row", { name: /^Cost per month \([\d,]+ requests\) \$[\d.,]+ \$[\d.,]+ / })).toBeVisible();
  await expect(table.getByRole("row", { name: /^Answers judged adequate [\d.]+% [\d.]+% / })).toBeVisible();
  await expect(impact).toContainText(`${activeBefore!.name} →`);
  await expect(impact.getByTestId("impact-source")).toContainText(/Projected from [\d,]+ (requests of this policy|labeled demo rows)/);
  await expect(impact.getByTestId("impact-source")).toContainText("requests in the last 7 days × 30/7");
  // the API agrees with what the dialog shows, and the amber warning appears exactly when it should
  const job = (await (await page.request.get("/api/admin/jobs?pageSize=1")).json()).items[0];
  const candidateId: string = job.result.classifierVersionId;
  const api = await (await page.request.get(`/api/admin/classifiers/${candidateId}/impact`)).json();
  const warns = api.costChange > 0.1 || api.qualityChange < -0.0005;
  await expect(impact.getByRole("note")).toHaveCount(warns ? 1 : 0);
  if (warns) await expect(impact.getByRole("note")).toContainText("Check before promoting");
  await screenshot(page, "promote-impact");
  // the dialog stays clean for axe, in both schemes, on a phone too
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
      await page.setViewportSize(viewport);
      expect(await seriousViolations(page, "[role=alertdialog]"), `${colorScheme} @${viewport.width}`).toEqual([]);
      if (viewport.width === 390) await screenshot(page, `promote-impact-${colorScheme}-390`);
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await promote.getByRole("button", { name: "Promote" }).click();
  await expect(promote).toBeHidden();

  // Roll back only on the active one: the promoted candidate offers it, Promote is gone.
  await expect(result.getByTestId("classifier-status")).toHaveText("Active");
  await expect(result.getByRole("button", { name: "Promote" })).toHaveCount(0);
  await expect(result.getByRole("button", { name: "Roll back" })).toBeVisible();
  expect((await page.request.get(`/api/admin/classifiers/${candidateId}/impact`)).status()).toBe(409);

  // Put the shipped classifier back (other specs rely on it).
  await result.getByRole("button", { name: "Roll back" }).click();
  await page.getByRole("alertdialog", { name: "Roll back default's classifier?" }).getByRole("button", { name: "Roll back" }).click();
  await expect(result.getByTestId("classifier-status")).toHaveText("Retired");
  await expect(result.getByRole("button", { name: "Roll back" })).toHaveCount(0);
  expect((await classifierVersions(page)).filter((v) => v.status === "active").map((v) => v.id)).toEqual([activeBefore!.id]);
});

test("the slider states quality and cost plainly, and asks before an unsaved move is lost", async ({ page }) => {
  await signInWithForm(page, OWNER.email, OWNER.password);
  await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Policies" }).click();
  await expect(page.getByLabel("Policy", { exact: true })).toHaveValue("default");
  await expect(page.getByTestId("projected-quality")).toHaveText(/^\d+\.\d%$/);
  await expect(page.getByTestId("projected-cost-month")).toHaveText(/^\$/);
  await expect(page.getByTestId("projection-source")).toHaveText(/^(From [\d,]+ requests of this policy|Projected from [\d,]+ demo rows)/);

  const slider = page.getByRole("slider", { name: /bias/i });
  await slider.focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByText("1 unsaved change")).toBeVisible();

  // A console link (a product owner's nav: Overview, Drift, Lab, Policies): dismissed, the page and the move stay; accepted, the page changes.
  const asked: string[] = [];
  page.once("dialog", (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Lab" }).click();
  await expect.poll(() => asked).toEqual(["You have unsaved changes. Leave and lose them?"]);
  await expect(page).toHaveURL(/\/policies/);
  await expect(page.getByText("1 unsaved change")).toBeVisible();

  // Switching policy asks too.
  const others = await page.getByLabel("Policy", { exact: true }).locator("option").evaluateAll((o) => o.map((e) => (e as HTMLOptionElement).value));
  const other = others.find((v) => v !== "default");
  if (other) {
    page.once("dialog", (d) => void d.dismiss());
    await page.getByLabel("Policy", { exact: true }).selectOption(other);
    await expect(page.getByLabel("Policy", { exact: true })).toHaveValue("default");
    await expect(page.getByText("1 unsaved change")).toBeVisible();
  }

  page.once("dialog", (d) => void d.accept());
  await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Lab" }).click();
  await expect(page).toHaveURL(/\/lab$/);

  // Nothing was saved: the slider is back at the saved bias, and no dialog comes up on leaving a clean page.
  await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Policies" }).click();
  await expect(page.getByText("No unsaved changes")).toBeVisible();
  page.on("dialog", (d) => {
    throw new Error(`unexpected dialog: ${d.message()}`);
  });
  await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Lab" }).click();
  await expect(page).toHaveURL(/\/lab$/);
});
