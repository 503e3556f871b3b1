import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { apiSignIn, createUserViaApi, E2E_ADMIN, screenshot, signInWithForm } from "./helpers";

// Its own owner and policy (on the seeded demo tiers), so it neither depends on nor disturbs
// the policies other specs use.
const OWNER = { email: "owner.options@e2e.test", password: "owner-options-password", role: "owner", name: "Oona Owner" };
const POLICY = "e2e-options";

async function adminContext(playwright: { request: { newContext(o: { baseURL?: string }): Promise<APIRequestContext> } }) {
  const request = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  await apiSignIn(request, E2E_ADMIN.email, E2E_ADMIN.password);
  return request;
}

async function storedPolicy(admin: APIRequestContext) {
  const res = await admin.get(`/api/admin/policies/${POLICY}`);
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()).policy;
}

/** Full-page, from the top (a sticky header would otherwise land mid-page where the page was scrolled). */
async function shoot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

async function saveAndConfirm(page: Page, rows: RegExp[]) {
  await page.getByRole("button", { name: "Review changes" }).click();
  const confirm = page.getByRole("alertdialog", { name: `Review changes to policy ${POLICY}` });
  for (const row of rows) await expect(confirm.getByTestId("draft-change").filter({ hasText: row })).toBeVisible();
  await confirm.getByRole("button", { name: "Publish" }).click();
  await expect(confirm).toBeHidden();
}

test.describe.configure({ timeout: 90_000 });

test.beforeAll(async ({ playwright }) => {
  const admin = await adminContext(playwright);
  await createUserViaApi(admin, OWNER);
  // A retry starts clean: applying the policy again resets its option groups to the defaults.
  const res = await admin.post("/api/admin/config", { data: { policies: [{ name: POLICY, tiers: ["fast", "balanced", "capable"] }] } });
  expect(res.status(), await res.text()).toBe(200);
  await admin.dispose();
});

test("an owner turns on shadow evaluation and exploration; bad values are refused next to their fields and nothing is saved", async ({ page, playwright }) => {
  const admin = await adminContext(playwright);
  // The API refuses the same values, with issues by field path.
  const refused = await admin.patch(`/api/admin/policies/${POLICY}`, { data: { shadow: { rate: 2, dailyUsdCap: -1 } } });
  expect(refused.status()).toBe(400);
  expect((await refused.json()).error.issues).toEqual(
    expect.arrayContaining([
      { path: "shadow.rate", message: "Must be at most 1." },
      { path: "shadow.dailyUsdCap", message: "Can't be negative." },
    ]),
  );

  await signInWithForm(page, OWNER.email, OWNER.password);
  await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Policies" }).click();
  await page.getByLabel("Policy", { exact: true }).selectOption(POLICY);
  const shadow = page.getByRole("group", { name: "Shadow evaluation" });
  const rate = shadow.getByLabel("Rate (0–1)");
  const cap = shadow.getByLabel("Daily cap (USD)");
  await expect(rate).toBeDisabled();
  await shadow.getByLabel("Shadow a sample of live requests").check();

  // Out of range: the message is next to (and describes) the field, and Save stays off.
  await rate.fill("2");
  await cap.fill("-1");
  await expect(rate).toHaveAccessibleDescription("Must be at most 1.");
  await expect(cap).toHaveAccessibleDescription("Can't be negative.");
  await expect(page.getByRole("button", { name: "Review changes" })).toBeDisabled();
  await shoot(page, "policy-options-shadow-errors");

  await rate.fill("0.05");
  await cap.fill("2");
  await expect(rate).toHaveAccessibleDescription("Share of live requests shadowed. Now 5%.");
  await shadow.getByLabel("Judge tier").selectOption("balanced");

  // The server is the last word: a refusal it sends (here rate 2, as a client without the browser's
  // check would send it) lands next to the field, and the dialog closes on it.
  await page.route(`**/api/admin/policies/${POLICY}`, async (route) => {
    if (route.request().method() !== "PATCH") return route.continue();
    const body = route.request().postDataJSON();
    await route.continue({ postData: JSON.stringify({ ...body, shadow: { ...body.shadow, rate: 2 } }) });
  });
  await saveAndConfirm(page, [/shadow\.enabled: false → true/]);
  await expect(page.getByRole("alert").filter({ hasText: "Not saved" })).toContainText("Shadow: rate: Must be at most 1.");
  await expect(rate).toHaveAccessibleDescription("Must be at most 1.");
  await shoot(page, "policy-options-server-refusal");
  expect((await storedPolicy(admin)).shadow).toMatchObject({ enabled: false, rate: 0.01, dailyUsdCap: 1, judgeTier: null });
  await page.unroute(`**/api/admin/policies/${POLICY}`);

  await saveAndConfirm(page, [/shadow\.rate: 0\.01 → 0\.05/, /shadow\.dailyUsdCap: 1 → 2/, /shadow\.judgeTier: — → balanced/]);
  await expect(page.getByText("Published. Every gateway uses the new settings within a second.")).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "Not saved" })).toHaveCount(0);
  expect((await storedPolicy(admin)).shadow).toMatchObject({ enabled: true, rate: 0.05, dailyUsdCap: 2, target: "next", judgeTier: "balanced" });

  // Exploration: at most 10 % of uncertain requests.
  const explore = page.getByRole("group", { name: "Exploration" });
  const exploreRate = explore.getByLabel("Rate (0–0.1)");
  await explore.getByLabel("Explore uncertain requests").check();
  await exploreRate.fill("0.5");
  await explore.getByLabel("Uncertain above (0–1)").fill("-0.1");
  await expect(exploreRate).toHaveAccessibleDescription("Must be at most 0.1.");
  await expect(explore.getByLabel("Uncertain above (0–1)")).toHaveAccessibleDescription("Can't be negative.");
  await expect(page.getByRole("button", { name: "Review changes" })).toBeDisabled();
  expect((await storedPolicy(admin)).explore).toMatchObject({ enabled: false, rate: 0.02, uncertainAbove: 0.5 });
  await exploreRate.fill("0.05");
  await explore.getByLabel("Uncertain above (0–1)").fill("0.6");
  await saveAndConfirm(page, [/explore\.enabled: false → true/, /explore\.rate: 0\.02 → 0\.05/]);
  await expect(page.getByText("Published. Every gateway uses the new settings within a second.")).toBeVisible();

  await page.reload();
  await expect(shadow.getByLabel("Shadow a sample of live requests")).toBeChecked();
  await expect(rate).toHaveValue("0.05");
  await expect(cap).toHaveValue("2");
  await expect(shadow.getByLabel("Judge tier")).toHaveValue("balanced");
  await expect(shadow.getByLabel("Shadow tier")).toHaveValue("next");
  await expect(explore.getByLabel("Explore uncertain requests")).toBeChecked();
  await expect(exploreRate).toHaveValue("0.05");
  await expect(explore.getByLabel("Uncertain above (0–1)")).toHaveValue("0.6");
  expect((await storedPolicy(admin)).explore).toMatchObject({ enabled: true, rate: 0.05, uncertainAbove: 0.6 });
  await shoot(page, "policy-options-saved");
  await admin.dispose();
});
