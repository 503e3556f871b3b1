import { expect, test } from "@playwright/test";
import { adminContext, E2E_ADMIN, screenshot, signInWithForm, deleteTierViaApi, ownPolicyAndTier, seriousViolations } from "./helpers";

// Own policy (on the seeded simulated tiers fast/capable), rule and tier: this journey disturbs no other spec.
const POLICY = "e2e-drafts";
const RULE = "drafts-refunds";
const TIER = "e2e-drafts-tier";
const PARCEL = "Where is my parcel? It has been a week.";

test.describe.configure({ timeout: 120_000 });

test.beforeAll(async ({ playwright }) => {
  const admin = await adminContext(playwright);
  await ownPolicyAndTier(admin, { policy: POLICY, rule: RULE, tier: TIER });

  // Logged traffic for the impact: two parcel questions (no rule catches them today) and a refund.
  const key = await admin.post("/api/admin/keys", { data: { name: "e2e drafts traffic", policy: POLICY } });
  expect(key.status(), await key.text()).toBe(201);
  const { key: token } = await key.json();
  const gateway = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  for (const content of [PARCEL, "My parcel arrived damaged.", "I want a refund"]) {
    const ask = () => gateway.post("/api/v1/chat/completions", { headers: { authorization: `Bearer ${token}` }, data: { model: `frontdesk/${POLICY}`, messages: [{ role: "user", content }] } });
    let res = await ask();
    // A key created a moment ago reaches the gateway with the next config reload (within a second).
    for (const started = Date.now(); res.status() === 401 && Date.now() - started < 5000; res = await ask()) await new Promise((r) => setTimeout(r, 100));
    expect(res.status(), await res.text()).toBe(200);
  }
  await gateway.dispose();
  await admin.dispose();
});

test.afterAll(async ({ playwright }) => {
  const admin = await adminContext(playwright);
  await deleteTierViaApi(admin, TIER);
  await admin.dispose();
});

test("a rule: edit → review (diff + impact) → publish → live on the bench → undo from the audit log", async ({ page }) => {
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.waitForURL(/\/overview/);
  await page.goto(`/rules?policy=${POLICY}`);
  await expect(page.getByRole("heading", { name: "Rules" })).toBeVisible();

  // The bench on the live rules says why the rule missed.
  const bench = page.getByRole("region", { name: "Test bench" });
  await bench.getByLabel("Prompt").fill(PARCEL);
  await bench.getByRole("button", { name: "Run test" }).click();
  await expect(bench.getByTestId("bench-stage")).toHaveText("classifier");
  await expect(bench.getByTestId("rule-explanation")).toContainText("keyword 'refund' not in the prompt");

  // Edit → the change goes into a draft, nothing live yet; the bench follows the draft.
  await page.getByRole("button", { name: `Edit rule ${RULE}` }).click();
  const editor = page.getByRole("dialog", { name: `Edit rule ${RULE}` });
  await editor.getByLabel("Keywords").fill("refund\nparcel");
  await editor.getByRole("button", { name: "Save to draft" }).click();
  await expect(editor).toBeHidden();
  await expect(page.getByTestId("draft-status")).toHaveText("Draft, not live yet: 1 changed.");
  await expect(bench.getByTestId("bench-stage")).toHaveText("rule");
  await expect(bench.getByTestId("bench-tier")).toHaveText("capable");
  await expect(bench.getByTestId("rule-explanation")).toContainText("keyword 'parcel' found");
  await bench.getByLabel("Live rules").check();
  await expect(bench.getByTestId("bench-stage")).toHaveText("classifier");
  await bench.getByLabel("Draft rules").check();
  await expect(bench.getByTestId("bench-stage")).toHaveText("rule");
  let saved = await (await page.request.get(`/api/admin/policies/${POLICY}/rules`)).json();
  expect(saved.rules[0].match.keywords).toEqual(["refund"]);

  // Review: the diff field by field and the impact on logged traffic (the two parcel questions).
  await page.getByRole("region", { name: "Draft" }).getByRole("button", { name: "Review and publish" }).click();
  const review = page.getByRole("dialog", { name: `Review changes to the rules of ${POLICY}` });
  await expect(review.getByTestId("draft-change")).toHaveText(`rules[${RULE}].match.keywords: ["refund"] → ["refund","parcel"]`);
  await expect(review.getByTestId("draft-impact")).toContainText(/^[1-9][\d,]* requests? of the last [\d,]+ logged requests \(7 days\) would be routed differently\./);
  await expect(review.getByRole("list", { name: `Sample matches of ${RULE}` })).toContainText("parcel");
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, "drafts-rule-review");
  await review.getByRole("button", { name: "Publish" }).click();
  await expect(review).toBeHidden();
  await expect(page.getByTestId("undo-toast")).toContainText(`Rules of ${POLICY} published.`);
  await expect(page.getByRole("region", { name: "Draft" })).toHaveCount(0);

  // Live: the bench (now on the live rules) matches, and so does the API.
  await bench.getByRole("button", { name: "Run test" }).click();
  await expect(bench.getByTestId("bench-stage")).toHaveText("rule");
  await expect(bench).toContainText("the live config");
  saved = await (await page.request.get(`/api/admin/policies/${POLICY}/rules`)).json();
  expect(saved.rules[0].match.keywords).toEqual(["refund", "parcel"]);

  // Undo from the audit log: the entry with this diff, reverted; the rule is back as before.
  await page.goto("/audit");
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  const entry = page
    .getByTestId("audit-entry")
    .and(page.locator('[data-action="policy.rules_replace"]'))
    .filter({ hasText: `Changed rules of policy ${POLICY}` })
    .filter({ hasText: `rules[${RULE}].match.keywords` })
    .first();
  await entry.getByRole("button", { name: "Revert" }).click();
  const revert = page.getByRole("alertdialog", { name: /^Revert #\d+\?$/ });
  await revert.getByRole("button", { name: "Revert" }).click();
  await expect(revert).toBeHidden();
  await expect(entry).toContainText("Reverted by #");
  saved = await (await page.request.get(`/api/admin/policies/${POLICY}/rules`)).json();
  expect(saved.rules[0].match.keywords).toEqual(["refund"]);

  await page.goto(`/rules?policy=${POLICY}`);
  await bench.getByLabel("Prompt").fill(PARCEL);
  await bench.getByRole("button", { name: "Run test" }).click();
  await expect(bench.getByTestId("bench-stage")).toHaveText("classifier");
});

test("a tier: edit → review (diff + impact) → publish → undo; disable → review → publish → undo", async ({ page }) => {
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.waitForURL(/\/overview/);
  await page.goto("/tiers");
  const row = page.getByRole("row", { name: new RegExp(`Tier ${TIER},`) });
  await expect(row).toContainText("timeout 30 s");

  await row.getByRole("button", { name: `Edit ${TIER}` }).click();
  const form = page.getByRole("dialog", { name: `Edit tier ${TIER}` });
  await form.getByLabel("Timeout (ms)").fill("45000");
  await form.getByRole("button", { name: "Review" }).click();
  const review = page.getByRole("dialog", { name: `Review changes to tier ${TIER}` });
  await expect(review.getByTestId("draft-change")).toHaveText("timeoutMs: 30000 → 45000");
  await expect(review.getByTestId("impact")).toHaveText(new RegExp(`^[\\d,]+ requests? in the last 7 days went to ${TIER}\\.$`));
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, "drafts-tier-review");
  // Back to the form keeps the edit; nothing is live before Publish.
  await review.getByRole("button", { name: "Back to edit" }).click();
  await expect(form.getByLabel("Timeout (ms)")).toHaveValue("45000");
  let tiers = await (await page.request.get("/api/admin/tiers")).json();
  expect(tiers.tiers.find((t: { name: string }) => t.name === TIER)).toMatchObject({ timeoutMs: 30_000 });
  await form.getByRole("button", { name: "Review" }).click();
  await review.getByRole("button", { name: "Publish" }).click();
  await expect(review).toBeHidden();
  await expect(row).toContainText("timeout 45 s");

  const toast = page.getByTestId("undo-toast");
  await expect(toast).toContainText(`Tier ${TIER} published.`);
  await toast.getByRole("button", { name: "Undo" }).click();
  await expect(toast).toBeHidden();
  await expect(row).toContainText("timeout 30 s");

  // Disable: reviewed with its diff and traffic, published, then undone from the toast.
  await row.getByRole("button", { name: `Disable ${TIER}` }).click();
  const disable = page.getByRole("alertdialog", { name: `Review: disable tier ${TIER}` });
  await expect(disable.getByTestId("draft-change")).toHaveText("enabled: true → false");
  await expect(disable.getByTestId("impact")).toContainText(`went to ${TIER}`);
  await disable.getByRole("button", { name: "Publish" }).click();
  await expect(disable).toBeHidden();
  await expect(row.getByRole("button", { name: `Enable ${TIER}` })).toBeVisible();
  await expect(toast).toContainText(`Tier ${TIER} disabled.`);
  await toast.getByRole("button", { name: "Undo" }).click();
  await expect(row.getByRole("button", { name: `Disable ${TIER}` })).toBeVisible();
  tiers = await (await page.request.get("/api/admin/tiers")).json();
  expect(tiers.tiers.find((t: { name: string }) => t.name === TIER)).toMatchObject({ timeoutMs: 30_000, enabled: true });

  // Move and delete get Undo too (the API returns their audit entry).
  const order = async () => ((await (await page.request.get("/api/admin/tiers")).json()).tiers as Array<{ name: string }>).map((t) => t.name);
  const orderBefore = await order();
  await row.getByRole("button", { name: `Move ${TIER} up` }).click();
  const move = page.getByRole("alertdialog", { name: `Review: move tier ${TIER} up` });
  await move.getByRole("button", { name: "Publish" }).click();
  await expect(move).toBeHidden();
  await expect(toast).toContainText(`Tier ${TIER} moved up.`);
  expect(await order()).not.toEqual(orderBefore);
  await toast.getByRole("button", { name: "Undo" }).click();
  await expect(toast).toBeHidden();
  await expect.poll(order).toEqual(orderBefore);

  await row.getByRole("button", { name: `Delete ${TIER}` }).click();
  const remove = page.getByRole("alertdialog", { name: `Review: delete tier ${TIER}` });
  await expect(remove).toContainText("can be undone");
  await remove.getByRole("button", { name: "Publish delete" }).click();
  await expect(remove).toBeHidden();
  await expect(row).toHaveCount(0);
  await expect(toast).toContainText(`Tier ${TIER} deleted.`);
  await toast.getByRole("button", { name: "Undo" }).click();
  await expect(row).toContainText("timeout 30 s");
});

test("a policy setting: change → review (diff + impact) → publish → undo", async ({ page }) => {
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.waitForURL(/\/overview/);
  const stored = async () => (await (await page.request.get(`/api/admin/policies/${POLICY}`)).json()).policy as { fallback: string };
  const before = (await stored()).fallback;
  const after = before === "quality-first" ? "cost-first" : "quality-first";
  await page.goto(`/policies?policy=${POLICY}`);
  await page.getByRole("radiogroup", { name: "Fallback mode" }).getByRole("radio", { name: after === "cost-first" ? /^Cost first/ : /^Quality first/ }).check();
  await expect(page.getByText("1 unsaved change")).toBeVisible();

  await page.getByRole("button", { name: "Review changes" }).click();
  const review = page.getByRole("alertdialog", { name: `Review changes to policy ${POLICY}` });
  await expect(review.getByTestId("draft-change")).toHaveText(`fallback: ${before} → ${after}`);
  await expect(review.getByTestId("impact")).toHaveText(new RegExp(`^Routing decisions change for every request of policy ${POLICY}: [\\d,]+ requests? in the last 7 days\\.$`));
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, "drafts-policy-review");
  await page.emulateMedia({ colorScheme: "dark" });
  await screenshot(page, "drafts-policy-review-dark");
  await page.emulateMedia({ colorScheme: "light" });
  expect((await stored()).fallback).toBe(before);

  await review.getByRole("button", { name: "Publish" }).click();
  await expect(review).toBeHidden();
  await expect(page.getByText("No unsaved changes").or(page.getByText("Published. Every gateway"))).toBeVisible();
  expect((await stored()).fallback).toBe(after);
  const toast = page.getByTestId("undo-toast");
  await expect(toast).toContainText(`Policy ${POLICY} published.`);
  await toast.getByRole("button", { name: "Undo" }).click();
  await expect(toast).toBeHidden();
  await expect.poll(async () => (await stored()).fallback).toBe(before);
  // The untouched form follows the undo: the old value is checked again, with nothing unsaved.
  await expect(page.getByRole("radiogroup", { name: "Fallback mode" }).getByRole("radio", { name: before === "cost-first" ? /^Cost first/ : /^Quality first/ })).toBeChecked();
  await expect(page.getByRole("button", { name: "Review changes" })).toBeDisabled();
});

test("a rules draft asks before a console link or another policy drops it", async ({ page }) => {
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.waitForURL(/\/overview/);
  await page.goto(`/rules?policy=${POLICY}`);
  await page.getByRole("checkbox", { name: `Enable rule ${RULE}` }).click();
  await expect(page.getByTestId("draft-status")).toHaveText("Draft, not live yet: 1 changed.");

  const asked: string[] = [];
  page.on("dialog", (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Tiers" }).click();
  await expect.poll(() => asked.length).toBe(1);
  await expect(page).toHaveURL(/\/rules/);
  const picker = page.getByLabel("Policy", { exact: true });
  const other = (await picker.locator("option").evaluateAll((o) => o.map((e) => (e as HTMLOptionElement).value))).find((v) => v !== POLICY);
  if (other) {
    await picker.selectOption(other);
    await expect.poll(() => asked.length).toBe(2);
    await expect(picker).toHaveValue(POLICY);
  }
  expect(asked.every((m) => m === "You have unsaved changes. Leave and lose them?")).toBe(true);
  await expect(page.getByTestId("draft-status")).toHaveText("Draft, not live yet: 1 changed.");
  await page.getByRole("region", { name: "Draft" }).getByRole("button", { name: "Discard draft" }).click();
  await expect(page.getByRole("checkbox", { name: `Enable rule ${RULE}` })).toBeChecked();
});

test("the draft and its review fit a phone's 390 px and pass axe in dark mode", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "dark" });
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.waitForURL(/\/overview/);
  await page.goto(`/rules?policy=${POLICY}`);
  await page.getByRole("checkbox", { name: `Enable rule ${RULE}` }).click();
  await page.getByRole("region", { name: "Draft" }).getByRole("button", { name: "Review and publish" }).click();
  const review = page.getByRole("dialog", { name: `Review changes to the rules of ${POLICY}` });
  await expect(review.getByTestId("draft-impact")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await review.getByRole("button", { name: "Publish" }).scrollIntoViewIfNeeded();
  await expect(review.getByRole("button", { name: "Publish" })).toBeInViewport();
  const overflow = await review.evaluate((el) => el.scrollWidth > el.clientWidth);
  expect(overflow).toBe(false);
  await screenshot(page, "drafts-rule-review-phone");
  await review.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("draft-status")).toHaveText("Draft, not live yet: 1 changed.");
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole("region", { name: "Draft" }).getByRole("button", { name: "Discard draft" }).click();
  await expect(page.getByRole("checkbox", { name: `Enable rule ${RULE}` })).toBeChecked();
});

test("a bias draft's review shows the slider's projection, fits 390 px and passes axe, light and dark", async ({ page }) => {
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.waitForURL(/\/overview/);
  await page.goto(`/policies?policy=${POLICY}`);
  const slider = page.getByRole("slider", { name: /bias/i });
  await slider.focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowRight");
  await expect(page.getByText("1 unsaved change")).toBeVisible();
  // The chart with the moved and the saved position: their labels apart (look at the screenshot).
  await page.getByRole("region", { name: "Quality vs cost" }).screenshot({ path: "e2e/screenshots/drafts-bias-chart.png" });
  for (const colorScheme of ["light", "dark"] as const) {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
      await page.emulateMedia({ colorScheme });
      await page.getByRole("button", { name: "Review changes" }).click();
      const review = page.getByRole("alertdialog", { name: `Review changes to policy ${POLICY}` });
      await expect(review.getByTestId("draft-change")).toHaveText(/^bias: 0\.5 → 0\.6$/);
      await expect(review.getByTestId("bias-impact")).toHaveText(/^Projected on [\d,]+ requests: cost per 1,000 .+ → .+, answers judged adequate .+ → .+/);
      await expect(review.getByTestId("impact")).toContainText(`Routing decisions change for every request of policy ${POLICY}`);
      expect(await seriousViolations(page)).toEqual([]);
      expect(await review.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(false);
      await expect(review.getByRole("button", { name: "Publish" })).toBeInViewport();
      await page.screenshot({ path: `e2e/screenshots/drafts-bias-review-${colorScheme}-${width}.png` });
      await review.getByRole("button", { name: "Cancel" }).click();
      await expect(review).toBeHidden();
    }
  }
  await page.getByRole("button", { name: "Discard" }).click();
  await expect(page.getByText("No unsaved changes")).toBeVisible();
});
