import { expect, test, type APIRequestContext } from "@playwright/test";
import { thresholdsForBias } from "../lib/routing/bias-to-lambda";
import { policySchema, tierSchema } from "../lib/routing/config-schema";
import { apiSignIn, createUserViaApi, E2E_ADMIN, screenshot, signInWithForm } from "./helpers";

// Own users and policies (on the seeded demo tiers fast/balanced/capable), so these journeys
// neither depend on nor disturb the seeded "default" policy other specs use.
const OPS = { email: "ops.config@e2e.test", password: "ops-config-password", role: "ops", name: "Olga Ops" };
const OWNER = { email: "owner.config@e2e.test", password: "owner-config-password", role: "owner", name: "Pat Owner" };
const REVIEWER = { email: "reviewer.config@e2e.test", password: "reviewer-config-password", role: "reviewer", name: "Rey Reviewer" };
const RULES_POLICY = "e2e-rules";
const BIAS_POLICY = "e2e-bias";
/** Short and simple: the classifier gives it a low p, so a modest bias move changes its tier. */
const BIAS_PROMPT = "How do I reset my password?";

async function adminContext(playwright: { request: { newContext(o: { baseURL?: string }): Promise<APIRequestContext> } }) {
  const request = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  await apiSignIn(request, E2E_ADMIN.email, E2E_ADMIN.password);
  return request;
}

// Long journeys; the first visit of each page after the server starts is slow on a busy machine.
test.describe.configure({ timeout: 90_000 });

test.beforeAll(async ({ playwright }) => {
  const admin = await adminContext(playwright);
  for (const user of [OPS, OWNER, REVIEWER]) await createUserViaApi(admin, user);
  // A retry starts clean: applying the policies again empties their rules and resets the bias.
  expect([200, 404]).toContain((await admin.delete("/api/admin/tiers/e2e-openai")).status());
  const config = { policies: [{ name: RULES_POLICY, tiers: ["fast", "capable"] }, { name: BIAS_POLICY, tiers: ["fast", "capable"], bias: 0.5 }] };
  const res = await admin.post("/api/admin/config", { data: config });
  expect(res.status(), await res.text()).toBe(200);
  await admin.dispose();
});

test("an ops user drafts rules, the test bench follows the draft, and publishing makes them live", async ({ page }) => {
  await signInWithForm(page, OPS.email, OPS.password);
  await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Rules" }).click();
  await expect(page.getByRole("heading", { name: "Rules" })).toBeVisible();
  await page.getByLabel("Policy", { exact: true }).selectOption(RULES_POLICY);
  await expect(page.getByText("No rules in this policy")).toBeVisible();

  const bench = page.getByRole("region", { name: "Test bench" });
  await bench.getByLabel("Prompt").fill("I was charged twice for my order and want to dispute the second charge.");
  await bench.getByRole("button", { name: "Run test" }).click();
  await expect(bench.getByTestId("bench-stage")).toHaveText("classifier");
  const before = (await bench.getByTestId("bench-tier").textContent())!.trim();
  const other = before === "fast" ? "capable" : "fast";
  await expect(bench.getByRole("table", { name: "Decision trace" })).toBeVisible();
  await screenshot(page, "rules-bench-before");

  await page.getByRole("button", { name: "Add the first rule" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a rule" });
  await dialog.getByLabel("Rule name").fill("disputes");
  await dialog.getByLabel("Regex", { exact: true }).fill("(a+)+$");
  await dialog.getByRole("button", { name: "Save to draft" }).click();
  await expect(dialog.getByText(/nested quantifier/)).toBeVisible();
  await screenshot(page, "rules-bad-regex");
  await dialog.getByLabel("Regex", { exact: true }).fill("");
  await dialog.getByLabel("Keywords").fill("dispute\nchargeback");
  await dialog.getByLabel("Send to tier").selectOption(other);
  await dialog.getByRole("button", { name: "Save to draft" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("draft-status")).toHaveText("Draft, not live yet: 1 added.");

  await expect(bench.getByTestId("bench-tier")).toHaveText(other);
  await expect(bench.getByTestId("bench-stage")).toHaveText("rule");
  await expect(bench.getByRole("status").filter({ hasText: "Decision changed" })).toContainText(`${before} (classifier) → ${other} (rule: disputes)`);
  await screenshot(page, "rules-bench-after");

  // A second rule, then reorder: keyboard (Alt+↑ on the focused row) and drag.
  await page.getByRole("button", { name: "Add rule" }).click();
  const second = page.getByRole("dialog", { name: "Add a rule" });
  await second.getByLabel("Rule name").fill("charges");
  await second.getByLabel("Keywords").fill("charged");
  await second.getByLabel("Send to tier").selectOption(before);
  await second.getByRole("button", { name: "Save to draft" }).click();
  await expect(second).toBeHidden();
  const rules = page.getByRole("list", { name: "Rules, in evaluation order" }).getByRole("listitem");
  await expect(rules).toHaveText([/disputes/, /charges/]);
  await rules.filter({ hasText: "charges" }).focus();
  await page.keyboard.press("Alt+ArrowUp");
  await expect(rules).toHaveText([/charges/, /disputes/]);
  await expect(bench.getByTestId("bench-tier")).toHaveText(before);
  await rules.filter({ hasText: "disputes" }).dragTo(rules.filter({ hasText: "charges" }));
  await expect(rules).toHaveText([/disputes/, /charges/]);
  await expect(bench.getByTestId("bench-tier")).toHaveText(other);

  // Nothing is live yet: the saved list is still empty. Publish the draft, then it is.
  expect((await (await page.request.get(`/api/admin/policies/${RULES_POLICY}/rules`)).json()).rules).toEqual([]);
  await page.getByRole("region", { name: "Draft" }).getByRole("button", { name: "Review and publish" }).click();
  const review = page.getByRole("dialog", { name: `Review changes to the rules of ${RULES_POLICY}` });
  await expect(review.getByTestId("draft-change").first()).toBeVisible();
  await review.getByRole("button", { name: "Publish" }).click();
  await expect(review).toBeHidden();
  await expect(page.getByRole("region", { name: "Draft" })).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole("list", { name: "Rules, in evaluation order" }).getByRole("listitem")).toHaveText([/disputes/, /charges/]);
  await screenshot(page, "rules-list");
});

type RouteDecision = { tier: string; stage: string; scores: { p: number[] } | null; thresholds: { bias: number; promptTokens: number; steps: Array<{ minProbability: number }> } };

async function routeDecision(request: APIRequestContext, key: string): Promise<RouteDecision> {
  const ask = () =>
    request.post("/api/v1/route", {
      headers: { authorization: `Bearer ${key}` },
      data: { model: `frontdesk/${BIAS_POLICY}`, messages: [{ role: "user", content: BIAS_PROMPT }] },
    });
  let res = await ask();
  // A key created a moment ago reaches the gateway with the next config reload (within a second).
  for (const started = Date.now(); res.status() === 401 && Date.now() - started < 3000; res = await ask()) await new Promise((r) => setTimeout(r, 100));
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

test("an owner moves the bias slider, saves with confirmation, and the gateway follows the new threshold", async ({ page, playwright }) => {
  const admin = await adminContext(playwright);
  const created = await admin.post("/api/admin/keys", { data: { name: "e2e bias journey", policy: BIAS_POLICY } });
  expect(created.status(), await created.text()).toBe(201);
  const { key } = await created.json();
  const gateway = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  const old = await routeDecision(gateway, key);
  expect(old.stage).toBe("classifier");
  const p = old.scores!.p[0]!;

  // The smallest bias above 0.5 (+0.02 margin) whose threshold for this request is ≤ p: the decision must flip to capable.
  const detail = await (await admin.get(`/api/admin/policies/${BIAS_POLICY}`)).json();
  const policy = policySchema.parse({ ...detail.policy, rules: [] });
  const tiers = detail.tiers.map((t: unknown) => tierSchema.parse(t));
  const threshold = (b: number) => thresholdsForBias(policy, tiers, b, { promptTokens: old.thresholds.promptTokens }).steps[0]!.minProbability;
  expect(old.tier, `p = ${p} should start below the bias-0.5 threshold ${threshold(0.5)}`).toBe("fast");
  let steps = 1;
  while (steps <= 45 && threshold(0.5 + steps / 100) > p) steps += 1;
  steps = Math.min(steps + 2, 50);
  const target = Math.round(50 + steps) / 100;
  expect(threshold(target), `bias ${target} should put the threshold below p = ${p}`).toBeLessThanOrEqual(p);

  await signInWithForm(page, OWNER.email, OWNER.password);
  await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Policies" }).click();
  await page.getByLabel("Policy", { exact: true }).selectOption(BIAS_POLICY);
  const slider = page.getByRole("slider", { name: /bias/i });
  await expect(slider).toHaveValue("0.5");
  const cost = page.getByTestId("projected-cost");
  await expect(cost).toBeVisible();
  const costBefore = await cost.textContent();
  const shareBefore = await page.getByTestId("share-capable").textContent();
  await screenshot(page, "policies-bias-saved-position");

  await slider.focus();
  for (let i = 0; i < steps; i++) await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("bias-value")).toHaveText(target.toFixed(2));
  await expect(cost).not.toHaveText(costBefore!);
  await expect(page.getByTestId("share-capable")).not.toHaveText(shareBefore!);
  await expect(page.getByRole("list", { name: "What this position means" })).toContainText("from fast to capable when P(needs capable) ≥");
  await screenshot(page, "policies-bias-moved");

  await page.getByRole("button", { name: "Review changes" }).click();
  const confirm = page.getByRole("alertdialog", { name: `Review changes to policy ${BIAS_POLICY}` });
  await expect(confirm.getByTestId("draft-change").filter({ hasText: /^bias:/ })).toContainText(`0.5 → ${Number(target.toFixed(2))}`);
  await screenshot(page, "policies-save-confirm");
  await confirm.getByRole("button", { name: "Publish" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText("Published. Every gateway uses the new settings within a second.")).toBeVisible();
  const history = page.getByRole("region", { name: "Change history" });
  await expect(history.getByRole("listitem").first()).toContainText("Bias changed");
  await expect(history.getByRole("listitem").first()).toContainText(`Bias: 0.50 → ${target.toFixed(2)}`);
  await screenshot(page, "policies-saved");

  // The next gateway request follows the new threshold (config reload within a second; poll up to 2 s).
  let next = await routeDecision(gateway, key);
  for (const started = Date.now(); next.tier === old.tier && Date.now() - started < 2000; ) {
    await new Promise((r) => setTimeout(r, 100));
    next = await routeDecision(gateway, key);
  }
  expect(next).toMatchObject({ tier: "capable", stage: "classifier", thresholds: { bias: target } });
  expect(next.scores!.p[0]).toBeCloseTo(p, 9);
  const chat = await gateway.post("/api/v1/chat/completions", {
    headers: { authorization: `Bearer ${key}` },
    data: { model: `frontdesk/${BIAS_POLICY}`, messages: [{ role: "user", content: BIAS_PROMPT }] },
  });
  expect(chat.status(), await chat.text()).toBe(200);
  expect(chat.headers()["x-frontdesk-tier"]).toBe("capable");
  await gateway.dispose();
  await admin.dispose();
});

test("an ops user manages tiers: validation, a write-only key, test connection, reorder, refused delete", async ({ page }) => {
  await signInWithForm(page, OPS.email, OPS.password);
  await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Tiers" }).click();
  const fast = page.getByRole("row", { name: /Tier fast,/ });
  await expect(fast.getByText("Simulated", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Add tier" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a tier" });
  await dialog.getByLabel("Name").fill("e2e-openai");
  await dialog.getByLabel("Base URL").fill("not a url");
  await dialog.getByLabel("Model").fill("gpt-e2e");
  await dialog.getByLabel("Input price (USD / 1M tokens)").fill("-1");
  await dialog.getByRole("button", { name: "Review" }).click();
  await expect(dialog.getByText("Enter a full URL starting with http:// or https://, like https://api.openai.com/v1.")).toBeVisible();
  await expect(dialog.getByText("Can't be negative.")).toBeVisible();
  await screenshot(page, "tiers-form-errors");
  await dialog.getByLabel("Base URL").fill("http://127.0.0.1:9/v1");
  await dialog.getByLabel("Input price (USD / 1M tokens)").fill("0.5");
  await dialog.getByLabel("API key").fill("sk-e2e-secret-Zq42");
  await dialog.getByRole("button", { name: "Review" }).click();
  // The review shows the new tier's fields, the key only as "(new value)".
  const reviewNew = page.getByRole("dialog", { name: "Review new tier e2e-openai" });
  await expect(reviewNew.getByTestId("draft-change").filter({ hasText: "apiKey" })).toContainText("(new value)");
  await expect(reviewNew).not.toContainText("sk-e2e-secret");
  await reviewNew.getByRole("button", { name: "Publish" }).click();
  await expect(reviewNew).toBeHidden();
  const row = page.getByRole("row", { name: /Tier e2e-openai,/ });
  await expect(row.getByLabel("API key of e2e-openai")).toHaveText("…Zq42");
  expect(await page.content()).not.toContain("sk-e2e-secret");

  await fast.getByRole("button", { name: "Test connection to fast" }).click();
  await expect(fast.getByRole("status")).toContainText("Connected");
  await row.getByRole("button", { name: "Test connection to e2e-openai" }).click();
  await expect(row.getByRole("status")).toContainText("Failed");

  // New tiers go last; Alt+↑ on the focused row moves it up one, the button moves it back; each move is confirmed (live routing).
  const [, rank, total] = /rank (\d+) of (\d+)/.exec((await row.getAttribute("aria-label"))!)!;
  expect(rank).toBe(total);
  await row.focus();
  await page.keyboard.press("Alt+ArrowUp");
  await page.getByRole("alertdialog", { name: "Review: move tier e2e-openai up" }).getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("row", { name: /Tier e2e-openai,/ })).toHaveAccessibleName(`Tier e2e-openai, rank ${Number(rank) - 1} of ${total}`);
  await screenshot(page, "tiers-list");
  await page.getByRole("button", { name: "Move e2e-openai down" }).click();
  await page.getByRole("alertdialog", { name: "Review: move tier e2e-openai down" }).getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("row", { name: /Tier e2e-openai,/ })).toHaveAccessibleName(`Tier e2e-openai, rank ${rank} of ${total}`);

  await fast.getByRole("button", { name: "Delete fast" }).click();
  const refuse = page.getByRole("alertdialog", { name: "Review: delete tier fast" });
  await refuse.getByRole("button", { name: "Publish delete" }).click();
  await expect(refuse.getByRole("alert")).toContainText('Tier "fast" is used by policies');
  await expect(refuse.getByRole("alert")).toContainText(`"${RULES_POLICY}"`);
  await screenshot(page, "tiers-delete-refused");
  await refuse.getByRole("button", { name: "Cancel" }).click();
  await page.getByRole("button", { name: "Delete e2e-openai" }).click();
  await page.getByRole("alertdialog", { name: "Review: delete tier e2e-openai" }).getByRole("button", { name: "Publish delete" }).click();
  await expect(page.getByRole("row", { name: /Tier e2e-openai,/ })).toHaveCount(0);
});

test("a reviewer gets 403 on the config pages by URL and on their APIs", async ({ page }) => {
  await signInWithForm(page, REVIEWER.email, REVIEWER.password);
  await expect(page).toHaveURL(/\/overview$/);
  const nav = page.getByRole("navigation", { name: "Main" }).first();
  for (const label of ["Tiers", "Rules", "Policies"]) await expect(nav.getByRole("link", { name: label })).toHaveCount(0);

  const response = await page.goto("/tiers");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await screenshot(page, "tiers-forbidden-reviewer");
  for (const path of ["/rules", "/policies"]) expect((await page.goto(path))?.status()).toBe(403);

  expect((await page.request.get("/api/admin/tiers")).status()).toBe(403);
  expect((await page.request.post("/api/admin/tiers", { data: { name: "sneaky", provider: "simulated", model: "m" } })).status()).toBe(403);
  expect((await page.request.get(`/api/admin/policies/${RULES_POLICY}/rules`)).status()).toBe(403);
  expect((await page.request.patch(`/api/admin/policies/${BIAS_POLICY}`, { data: { bias: 0 } })).status()).toBe(403);
});
