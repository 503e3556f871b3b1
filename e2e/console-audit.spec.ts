import { expect, test } from "@playwright/test";
import { adminContext, deleteTierViaApi, E2E_ADMIN, ownPolicyAndTier, screenshot, signInWithForm } from "./helpers";

// Own policy (on the seeded tiers fast/capable) and own tier, so this journey disturbs no other spec.
const POLICY = "e2e-audit";
const RULE = "audit-refunds";
const TIER = "e2e-audit-tier";

test.describe.configure({ timeout: 90_000 });

test.beforeAll(async ({ playwright }) => {
  const admin = await adminContext(playwright);
  await ownPolicyAndTier(admin, { policy: POLICY, rule: RULE, tier: TIER });
  const changed = await admin.patch(`/api/admin/tiers/${TIER}`, { data: { timeoutMs: 45_000 } });
  expect(changed.status(), await changed.text()).toBe(200);
  await admin.dispose();
});

// Its tier would change what other journeys see (the lab's tier advisor replays every enabled tier).
test.afterAll(async ({ playwright }) => {
  const admin = await adminContext(playwright);
  await deleteTierViaApi(admin, TIER);
  await admin.dispose();
});

test("an admin switches a rule off through a reviewed draft, undoes it, and reverts a tier change from the audit log", async ({ page }) => {
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.waitForURL(/\/overview/);
  await page.goto(`/rules?policy=${POLICY}`);
  await expect(page.getByRole("heading", { name: "Rules" })).toBeVisible();
  const toggle = page.getByRole("checkbox", { name: `Enable rule ${RULE}` });
  await expect(toggle).toBeChecked();

  // Switching off goes into a draft; the review names the change and its impact on logged traffic.
  await toggle.click();
  await expect(toggle).not.toBeChecked();
  await page.getByRole("region", { name: "Draft" }).getByRole("button", { name: "Review and publish" }).click();
  const confirm = page.getByRole("dialog", { name: `Review changes to the rules of ${POLICY}` });
  await expect(confirm.getByTestId("draft-change")).toHaveText(`rules[${RULE}].enabled: true → false`);
  await expect(confirm.getByTestId("draft-impact")).toContainText("would be routed differently");
  await screenshot(page, "audit-rule-confirm");
  await confirm.getByRole("button", { name: "Publish" }).click();
  await expect(confirm).toBeHidden();
  await expect(toggle).not.toBeChecked();

  // The toast's Undo reverts the entry the change wrote.
  const toast = page.getByTestId("undo-toast");
  await expect(toast).toContainText(`Rules of ${POLICY} published.`);
  await toast.getByRole("button", { name: "Undo" }).click();
  await expect(toast).toBeHidden();
  await expect(toggle).toBeChecked();
  const rules = await (await page.request.get(`/api/admin/policies/${POLICY}/rules`)).json();
  expect(rules.rules).toEqual([expect.objectContaining({ name: RULE, enabled: true })]);

  // The audit log shows both entries with their diffs, the first marked reverted by the second.
  await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  const ruleEntries = page.getByTestId("audit-entry").filter({ hasText: `rules[${RULE}].enabled` });
  const switchedOff = ruleEntries.and(page.locator('[data-action="policy.rules_replace"]')).first();
  const undone = ruleEntries.and(page.locator('[data-action="policy.rules_replace.revert"]')).first();
  await expect(switchedOff).toContainText(`Changed rules of policy ${POLICY}`);
  await expect(switchedOff.getByTestId("audit-change")).toHaveText(`rules[${RULE}].enabled: true → false`);
  await expect(switchedOff).toContainText("Reverted by #");
  await expect(undone).toContainText("Reverted #");
  await expect(undone.getByTestId("audit-change")).toHaveText(`rules[${RULE}].enabled: false → true`);
  await screenshot(page, "audit-log");

  // Revert the tier change (timeout 30 s → 45 s), confirmed; the tier has its old timeout again.
  await page.getByLabel("Target type").selectOption("tier");
  const tierChange = page.getByTestId("audit-entry").and(page.locator('[data-action="tier.update"]')).filter({ hasText: `Changed tier ${TIER}` }).first();
  await expect(tierChange.getByTestId("audit-change")).toHaveText("timeoutMs: 30000 → 45000");
  await tierChange.getByRole("button", { name: "Revert" }).click();
  const revert = page.getByRole("alertdialog", { name: /^Revert #\d+\?$/ });
  await revert.getByRole("button", { name: "Revert" }).click();
  await expect(revert).toBeHidden();
  await expect(tierChange).toContainText("Reverted by #");
  const tiers = await (await page.request.get("/api/admin/tiers")).json();
  expect(tiers.tiers.find((t: { name: string }) => t.name === TIER)).toMatchObject({ timeoutMs: 30_000 });
});
