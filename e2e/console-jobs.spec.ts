import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_DATASET } from "../lib/demo/demo-dataset";
import { apiSignIn, createUserViaApi, E2E_ADMIN, screenshot as fullPageScreenshot, signInWithForm, classifierVersions } from "./helpers";

const OPS = { email: "ops.jobs@e2e.test", password: "ops-jobs-password", role: "ops", name: "Jo Jobs" };
const REVIEWER = { email: "reviewer.jobs@e2e.test", password: "reviewer-jobs-password", role: "reviewer", name: "Rae Reviewer" };

/** 12 real lines of the shipped outcomes (~190 kB) with a broken one as line 6. */
function smallDatasetWithABadLine(): Buffer {
  const lines = readFileSync(DEMO_DATASET.file, "utf8").split("\n").filter(Boolean).slice(0, 12);
  lines.splice(5, 0, '{"id": "broken", "prompt": "no outcomes here"');
  return Buffer.from(`${lines.join("\n")}\n`);
}

/** From the top, so the sticky header sits where it belongs in a full-page capture. */
async function screenshot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await fullPageScreenshot(page, name);
}

// Training runs in the worker inside `npm start`: seconds, but a busy machine is slow.
test.describe.configure({ timeout: 180_000 });

test.beforeAll(async ({ playwright }) => {
  const admin = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  await apiSignIn(admin, E2E_ADMIN.email, E2E_ADMIN.password);
  for (const user of [OPS, REVIEWER]) await createUserViaApi(admin, user);
  await admin.dispose();
});

test("an ops user starts a retraining job, watches it finish, promotes it", async ({ page }) => {
  await signInWithForm(page, OPS.email, OPS.password);
  await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Jobs" }).click();
  await expect(page.getByRole("heading", { name: "Jobs", level: 1 })).toBeVisible();
  const activeBefore = (await classifierVersions(page)).find((v) => v.status === "active");
  expect(activeBefore, "the seed activates the shipped classifier").toBeTruthy();

  // A dataset upload: the good lines land, the bad one comes back with its number and reason.
  const datasets = page.getByRole("region", { name: "Datasets" });
  await expect(datasets.getByRole("table", { name: "Datasets" })).toContainText(DEMO_DATASET.name);
  await datasets.getByLabel("Dataset file").setInputFiles({ name: "e2e-small.jsonl", mimeType: "application/x-ndjson", buffer: smallDatasetWithABadLine() });
  await expect(datasets.getByLabel("Dataset name")).toHaveValue("e2e-small");
  const uploadName = `e2e small ${Date.now()}`;
  await datasets.getByLabel("Dataset name").fill(uploadName);
  // A slow uplink (Chromium's network emulation), so the upload's progress bar can be seen.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 128 * 1024 });
  await datasets.getByRole("button", { name: "Upload" }).click();
  await expect(datasets.getByRole("progressbar", { name: "Upload progress" })).toBeVisible();
  await expect(datasets.getByRole("status")).toHaveText(new RegExp(`Imported 12 lines into “${uploadName}”, rejected 1\\.`));
  await expect(datasets.getByRole("progressbar", { name: "Upload progress" })).toHaveCount(0);
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await expect(datasets.getByRole("list", { name: "Rejected lines" }).getByRole("listitem")).toHaveText([/^Line 6: .+/]);
  await expect(datasets.getByRole("table", { name: "Datasets" })).toContainText(uploadName);
  await screenshot(page, "jobs-dataset-uploaded");

  // The form is checked in the browser with the server's schema.
  const form = page.getByRole("form", { name: "Start retraining" });
  await expect(form.getByLabel("Policy")).toHaveValue("default");
  await form.getByLabel("Include reviewer labels").uncheck();
  await form.getByLabel("Include escalations").uncheck();
  await form.getByLabel("Include graded shadow pairs").uncheck();
  await form.getByLabel("Hold-out (%)").fill("70");
  await form.getByRole("button", { name: "Start retraining" }).click();
  await expect(form.getByText("Choose at least one data source.")).toBeVisible();
  await expect(form.getByText("Hold out at most 50%.")).toBeVisible();
  await expect(form.getByLabel("Hold-out (%)")).toHaveAttribute("aria-invalid", "true");

  await form.getByRole("checkbox", { name: new RegExp(`^${DEMO_DATASET.name}`) }).check();
  await form.getByLabel("Hold-out (%)").fill("20");
  await form.getByLabel("Seed").fill("7");
  await form.getByRole("button", { name: "Start retraining" }).click();
  await expect(form.getByText("Choose at least one data source.")).toHaveCount(0);

  // Live progress until done.
  const detail = page.getByRole("region", { name: /^Job from/ });
  const progress = detail.getByRole("progressbar", { name: "Job progress" });
  await expect(progress).toBeVisible();
  await expect(detail).toContainText(`started by ${OPS.email}`);
  const history = page.getByRole("table", { name: "Retraining jobs" });
  await expect(history.getByRole("row").nth(1)).toContainText("policy default · 1 dataset");
  await screenshot(page, "jobs-running");
  await expect(progress).toHaveAttribute("aria-valuenow", "100", { timeout: 90_000 });
  await expect(detail.getByText("Succeeded", { exact: true })).toBeVisible();
  await expect(history.getByRole("row").nth(1)).toContainText("Succeeded");

  // Candidate beside the active classifier: every metric, both curves.
  const result = detail.getByRole("region", { name: "Result" });
  const metrics = result.getByRole("table", { name: "Candidate vs active metrics" });
  for (const label of ["APGR", "CPT(50%)", "CPT(80%)", "CPT(95%)", "ECE", "Quality", "Cost", "Quality-error rate", "Cost-error rate"]) {
    await expect(metrics.getByRole("row", { name: new RegExp(`^${label.replace(/[()]/g, "\\$&")} `) }).getByRole("cell").first()).toHaveText(/^(\d|—)/);
  }
  await expect(result).toContainText(`Against ${activeBefore!.name}, both measured on the same held-out set of`);
  await expect(result.getByRole("definition").filter({ hasText: /^\d+$/ }).first()).toBeVisible();
  await expect(result.getByText("Training rows")).toBeVisible();
  await expect(result.locator(".recharts-line-curve")).toHaveCount(2);
  await expect(result.getByTestId("classifier-status")).toHaveText("Candidate");
  await screenshot(page, "jobs-result");

  const job = (await (await page.request.get("/api/admin/jobs?pageSize=1")).json()).items[0];
  expect(job).toMatchObject({ status: "succeeded", payload: { policy: "default", holdout: 0.2, seed: 7, includeLabels: false } });
  const candidateId: string = job.result.classifierVersionId;

  // Promote, confirmed; the API agrees.
  await result.getByRole("button", { name: "Promote" }).click();
  const promote = page.getByRole("alertdialog", { name: /^Promote / });
  await expect(promote).toContainText(activeBefore!.name);
  await screenshot(page, "jobs-promote-confirm");
  await promote.getByRole("button", { name: "Promote" }).click();
  await expect(promote).toBeHidden();
  await expect(result.getByTestId("classifier-status")).toHaveText("Active");
  await expect(result.getByRole("button", { name: "Promote" })).toHaveCount(0);
  const afterPromote = await classifierVersions(page);
  expect(afterPromote.filter((v) => v.status === "active").map((v) => v.id)).toEqual([candidateId]);
  expect(afterPromote.find((v) => v.id === activeBefore!.id)?.status).toBe("retired");
  await screenshot(page, "jobs-promoted");

  // Roll back, confirmed: the shipped classifier routes "default" again (other specs rely on it).
  await result.getByRole("button", { name: "Roll back" }).click();
  const rollback = page.getByRole("alertdialog", { name: "Roll back default's classifier?" });
  await rollback.getByRole("button", { name: "Roll back" }).click();
  await expect(rollback).toBeHidden();
  await expect(result.getByTestId("classifier-status")).toHaveText("Retired");
  const afterRollback = await classifierVersions(page);
  expect(afterRollback.filter((v) => v.status === "active").map((v) => v.id)).toEqual([activeBefore!.id]);
});

test("a reviewer can neither open /jobs nor call its API", async ({ page }) => {
  await signInWithForm(page, REVIEWER.email, REVIEWER.password);
  await expect(page).toHaveURL(/\/overview$/);
  await expect(page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Jobs" })).toHaveCount(0);
  expect((await page.goto("/jobs"))?.status()).toBe(403);
  expect((await page.request.get("/api/admin/jobs")).status()).toBe(403);
  expect((await page.request.post("/api/admin/jobs", { data: { policy: "default" } })).status()).toBe(403);
  expect((await page.request.get("/api/admin/datasets")).status()).toBe(403);
});
