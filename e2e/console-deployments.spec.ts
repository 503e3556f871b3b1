import { expect, test } from "@playwright/test";
import { adminContext, E2E_ADMIN, screenshot, signInWithForm, deleteTierViaApi, seriousViolations } from "./helpers";

// A tier's deployments in the console: edited in the tier dialog (validation next to each row's
// field, a write-only key per deployment), listed in the catalog with this instance's live state.
test.describe.configure({ timeout: 90_000 });

const TIER = "e2e-pooled";
const KEY = "sk-e2e-deployment-Eu77";

async function deleteTier(playwright: Parameters<typeof adminContext>[0]) {
  const admin = await adminContext(playwright);
  await deleteTierViaApi(admin, TIER);
  await admin.dispose();
}

test.beforeAll(async ({ playwright }) => deleteTier(playwright));
// The tier must not outlive the journey: the lab's tier advisor replays every enabled tier.
test.afterAll(async ({ playwright }) => deleteTier(playwright));

test("an admin gives a tier two deployments: row errors, a write-only key, shares and live state", async ({ page }) => {
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Tiers" }).click();
  await page.getByRole("button", { name: "Add tier" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a tier" });
  await dialog.getByLabel("Name", { exact: true }).fill(TIER);
  await dialog.getByLabel("Model", { exact: true }).fill("pool-model");
  await dialog.getByRole("button", { name: "Add deployment" }).click();
  await dialog.getByRole("button", { name: "Add deployment" }).click();
  const first = dialog.getByRole("group", { name: /^Deployment 1/ });
  const second = dialog.getByRole("group", { name: /^Deployment 2/ });
  await first.getByLabel("Name").fill("eu");
  await first.getByLabel("Weight").fill("0");
  await first.getByLabel("Base URL").fill("https://eu.example.com/v1");
  await second.getByLabel("Name").fill("eu");
  await second.getByLabel("Base URL").fill("us.example.com");
  await dialog.getByRole("button", { name: "Review" }).click();
  await expect(first.getByText("at least 1")).toBeVisible();
  await expect(second.getByText('duplicate deployment name "eu"')).toBeVisible();
  await expect(second.getByText("use an http(s) URL like https://eu.example.com/v1")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, "tier-deployments-errors");

  await first.getByLabel("Weight").fill("3");
  await first.getByLabel("Region").fill("eu-west");
  await first.getByLabel("Key").fill(KEY);
  await second.getByLabel("Name").fill("us");
  await second.getByLabel("Base URL").fill("https://us.example.com/v1");
  await dialog.getByRole("button", { name: "Review" }).click();
  // the review shows the deployments, their keys only as "(new value)"
  const review = page.getByRole("dialog", { name: `Review new tier ${TIER}` });
  await expect(review).toContainText("(new value)");
  expect(await page.content()).not.toContain(KEY);
  await review.getByRole("button", { name: "Publish" }).click();
  await expect(review).toBeHidden();

  const row = page.getByRole("row", { name: new RegExp(`Tier ${TIER},`) });
  const list = row.getByRole("list", { name: `Deployments of ${TIER}` });
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await expect(list.getByRole("listitem").first()).toContainText("weight 3 (75%)");
  await expect(list.getByRole("listitem").first()).toContainText("…Eu77");
  await expect(list.getByRole("listitem").first()).toContainText("healthy", { timeout: 15_000 }); // polled every 5 s
  await expect(row).toContainText("Live state of this gateway instance");
  expect(await page.content()).not.toContain(KEY);
  await screenshot(page, "tier-deployments-list");

  // edit: the key stays unless replaced; remove a deployment
  await row.getByRole("button", { name: `Edit ${TIER}` }).click();
  const edit = page.getByRole("dialog", { name: `Edit tier ${TIER}` });
  await expect(edit.getByRole("group", { name: "Deployment 1 (eu)" }).getByLabel("Replace key")).toHaveAttribute("placeholder", /…Eu77/);
  await edit.getByRole("button", { name: "Remove deployment us" }).click();
  await edit.getByRole("button", { name: "Review" }).click();
  const editReview = page.getByRole("dialog", { name: `Review changes to tier ${TIER}` });
  await expect(editReview).toContainText("us.example.com");
  await editReview.getByRole("button", { name: "Publish" }).click();
  await expect(editReview).toBeHidden();
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(list.getByRole("listitem").first()).toContainText("weight 3 (100%)");

  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(list).toBeVisible();
    expect(await seriousViolations(page), scheme).toEqual([]);
  }
});
