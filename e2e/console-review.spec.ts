import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { apiSignIn, createUserViaApi, E2E_ADMIN, screenshot, signInWithForm } from "./helpers";

const REVIEWER = { email: "rowan.reviewer@e2e.test", password: "rowan-password", role: "reviewer", name: "Rowan Reviewer" };
const POLICY = "three-tier";
const QUESTIONS = [
  "What are your opening hours on Sunday?",
  "Prove that the square root of 2 is irrational, then generalize the proof to any prime.",
  "Translate 'good morning' into French.",
  "Compare PostgreSQL and MySQL for a write-heavy workload, step by step, and recommend one.",
  "Write a Python function that merges overlapping intervals, with tests.",
  "How do I reset my password?",
  "Summarize the causes of the French Revolution in three bullet points.",
  "Is 7919 a prime number? Explain how you checked.",
  "Thanks, that worked!",
  "Design a rate limiter for a multi-region API and discuss its failure modes.",
];

async function adminApi(playwright: { request: { newContext(o: { baseURL?: string }): Promise<APIRequestContext> } }) {
  const request = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  await apiSignIn(request, E2E_ADMIN.email, E2E_ADMIN.password);
  return request;
}

async function createKey(request: APIRequestContext, body: Record<string, unknown>): Promise<string> {
  const res = await request.post("/api/admin/keys", { data: body });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).key;
}

/** Routed requests of our own through the real gateway, so the queue never depends on the demo week. */
async function sendTraffic(request: APIRequestContext, key: string) {
  await expect.poll(async () => (await request.get("/api/v1/models", { headers: { authorization: `Bearer ${key}` } })).status()).toBe(200);
  await Promise.all(
    QUESTIONS.map((content) =>
      request.post("/api/v1/chat/completions", { headers: { authorization: `Bearer ${key}` }, data: { model: "frontdesk/auto", messages: [{ role: "user", content }] } }),
    ),
  );
}

const since24h = () => new Date(Date.now() - 25 * 3_600_000).toISOString();

async function labeledInDrift(request: APIRequestContext): Promise<number> {
  const q = new URLSearchParams({ from: since24h(), to: new Date(Date.now() + 60_000).toISOString(), policy: POLICY });
  const res = await request.get(`/api/admin/drift?${q}`);
  expect(res.status(), await res.text()).toBe(200);
  const { windows } = (await res.json()) as { windows: Array<{ misroute: { labeled: number } }> };
  return windows.reduce((sum, w) => sum + w.misroute.labeled, 0);
}

/**
 * The drift page for the policy over the last 24 h, as an admin sees it: the label count its
 * misroute panel shows. With "the period before" as the baseline, the current period is the
 * whole range (the queue also serves demo requests from early in the range).
 */
/** A fixed window for both reads of the page: a sliding "last 24 h" can drop an old label between them. */
async function labelsOnDriftPage(page: Page, range: { from: string; to: string }): Promise<number> {
  await page.goto(`/drift?${new URLSearchParams({ range: "custom", ...range })}`);
  await expect(page.getByRole("heading", { name: "Drift" })).toBeVisible();
  await page.getByLabel("Baseline window").selectOption("previous");
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().includes("/api/admin/drift") && r.url().includes(`policy=${POLICY}`) && r.url().includes("baseline=previous")),
    page.getByLabel("Policy").selectOption(POLICY),
  ]);
  const labeled = ((await response.json()) as { current: { misroute: { labeled: number } } }).current.misroute.labeled;
  await expect(page.getByText(/labels in the current period/)).toHaveText(new RegExp(`^${labeled.toLocaleString("en-US")} labels in the current period \\(`));
  return labeled;
}

const currentId = (page: Page) => page.getByRole("article", { name: "Request under review" }).getAttribute("data-request-id");

test.beforeAll(async ({ playwright }) => {
  const request = await adminApi(playwright);
  await createUserViaApi(request, REVIEWER);
  await sendTraffic(request, await createKey(request, { name: "e2e review traffic", policy: POLICY }));
  await expect
    .poll(async () => (await (await request.get(`/api/admin/labeling/progress?policy=${POLICY}&from=${since24h()}`)).json()).remaining, { timeout: 10_000 })
    .toBeGreaterThanOrEqual(8);
  await request.dispose();
});

test("a reviewer labels five requests with the keyboard only, undoes one, and the counts follow", async ({ page, browser, playwright }) => {
  test.setTimeout(120_000); // a long journey; the shared CI machine is slow at times
  const admin = await adminApi(playwright);
  const driftBefore = await labeledInDrift(admin);
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await signInWithForm(adminPage, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(adminPage.getByRole("heading", { name: "Overview" })).toBeVisible();
  const driftRange = { from: since24h(), to: new Date(Date.now() + 30 * 60_000).toISOString() };
  const driftPageBefore = await labelsOnDriftPage(adminPage, driftRange);

  await signInWithForm(page, REVIEWER.email, REVIEWER.password);
  await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Labeling" }).click();
  await expect(page.getByRole("heading", { name: "Labeling" })).toBeVisible();
  await page.getByLabel("Policy").selectOption(POLICY);
  await page.getByLabel("Time range").selectOption("24h");
  const item = page.getByRole("article", { name: "Request under review" });
  await expect(item).toBeVisible();
  await expect(page.getByTestId("remaining")).not.toHaveText("…");
  const labeledBefore = Number(await page.getByTestId("labeled-today").textContent()); // 0, unless this is a retry
  const remainingBefore = Number(await page.getByTestId("remaining").textContent());
  await expect(page.getByRole("region", { name: "Keyboard shortcuts" })).toContainText("Undo last label");
  await screenshot(page, "labeling-queue");
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur()); // keys go to the page, not the select

  const seen: string[] = [];
  for (let i = 0; i < 5; i++) {
    const id = (await currentId(page))!;
    expect(seen).not.toContain(id);
    seen.push(id);
    if (i === 2) {
      // A quality error: "should be more capable" (or "cheaper" on the top tier), with a note typed in place.
      const tier = (await item.getByTestId("item-tier").textContent())!;
      await page.keyboard.press(tier === "capable" ? "2" : "3");
      const picker = page.getByRole("group", { name: "Right tier" });
      await expect(picker).toBeVisible();
      if (await picker.getByText("Which tier should have answered?").isVisible()) await page.keyboard.press("1");
      await expect(picker.getByRole("button", { pressed: true })).toHaveCount(1);
      await page.keyboard.press("/");
      await page.keyboard.type("needs a stronger model; n and s typed here do nothing");
      await expect(page.getByLabel("Note (optional)")).toHaveValue("needs a stronger model; n and s typed here do nothing");
      expect(await currentId(page)).toBe(id); // typing never fired a shortcut
      await screenshot(page, "labeling-verdict-with-note");
      await page.keyboard.press("Escape");
    } else {
      await page.keyboard.press("1");
      await expect(page.getByRole("button", { name: "Correct" })).toHaveAttribute("aria-pressed", "true");
    }
    await page.keyboard.press(i % 2 ? "ArrowRight" : "n");
    await expect.poll(() => currentId(page)).not.toBe(id);
  }
  await expect(page.getByTestId("labeled-today")).toHaveText(String(labeledBefore + 5));
  await expect(page.getByTestId("remaining")).toHaveText(String(remainingBefore - 5));
  await screenshot(page, "labeling-after-five");

  const afterFive = await currentId(page);
  await page.keyboard.press("u");
  await expect(page.getByRole("status").filter({ hasText: "Label undone" })).toBeVisible();
  expect(await currentId(page)).toBe(seen[4]);
  await expect(page.getByTestId("labeled-today")).toHaveText(String(labeledBefore + 4));
  await expect(page.getByTestId("remaining")).toHaveText(String(remainingBefore - 4));
  await screenshot(page, "labeling-after-undo");

  await page.keyboard.press("s");
  await expect.poll(() => currentId(page)).toBe(afterFive);
  await expect(page.getByTestId("labeled-today")).toHaveText(String(labeledBefore + 4));

  await expect.poll(() => labeledInDrift(admin)).toBe(driftBefore + 4);
  // …and the drift page shows the four new labels in its misroute rates
  expect(await labelsOnDriftPage(adminPage, driftRange)).toBe(driftPageBefore + 4);
  await screenshot(adminPage, "drift-after-labels");
  await adminContext.close();
  await admin.dispose();
});

test("an ops user cannot open the labeling page or its API", async ({ page, playwright }) => {
  const admin = await adminApi(playwright);
  await createUserViaApi(admin, { email: "olga.ops@e2e.test", password: "olga-password", role: "ops" });
  await admin.dispose();
  await signInWithForm(page, "olga.ops@e2e.test", "olga-password");
  await expect(page).toHaveURL(/\/overview$/);
  await expect(page.getByRole("link", { name: "Labeling" })).toHaveCount(0);
  expect((await page.goto("/labeling"))?.status()).toBe(403);
  expect((await page.request.get("/api/admin/labeling/next")).status()).toBe(403);
  expect((await page.goto("/keys"))?.status()).toBe(403);
});

test("an admin creates a key, sees it once, copies it, uses it, revokes it, and the gateway answers 401", async ({ page, context, request }) => {
  test.setTimeout(90_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();

  const name = `journey-${Date.now()}`;
  await page.getByRole("button", { name: "Create key" }).first().click();
  const create = page.getByRole("dialog", { name: "Create an API key" });
  await create.getByLabel("Monthly budget (USD)").fill("-2");
  await create.getByRole("button", { name: "Create key" }).click();
  await expect(create.getByText("Give the key a name.")).toBeVisible();
  await expect(create.getByText("The budget must be above 0.")).toBeVisible();
  await screenshot(page, "keys-create-errors");
  await create.getByLabel("Name").fill(name);
  await create.getByLabel("Policy").selectOption(POLICY);
  await create.getByLabel("Monthly budget (USD)").fill("25");
  await create.getByLabel("When over budget").selectOption("downgrade");
  await create.getByRole("button", { name: "Create key" }).click();

  const shown = page.getByRole("dialog", { name: "Copy your new API key" });
  await expect(shown.getByText("This is the only time this key is shown.")).toBeVisible();
  const key = await shown.getByLabel(`API key “${name}”`).inputValue();
  expect(key).toMatch(/^fd_[0-9A-Za-z]{40}$/);
  await shown.getByRole("button", { name: "Copy key" }).click();
  await expect(shown.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
  // The gateway's base URL from here and ready client code, the key in it, one tab per client.
  await expect(shown.getByTestId("gateway-base-url")).toHaveText(`${new URL(page.url()).origin}/api/v1`);
  await expect(shown.getByRole("tabpanel")).toContainText(`new OpenAI({ baseURL: "${new URL(page.url()).origin}/api/v1"`);
  await shown.getByRole("tab", { name: "Anthropic SDK" }).click();
  await expect(shown.getByRole("tabpanel")).toContainText("new Anthropic(");
  await shown.getByRole("tab", { name: "curl" }).click();
  await expect(shown.getByRole("tabpanel")).toContainText(`Bearer ${key}`);
  await shown.getByRole("button", { name: "Copy curl example" }).click();
  await expect(page.locator("li", { hasText: "Copied the curl example." })).toBeVisible(); // the toast (a CSS locator: the open dialog hides the rest from the accessibility tree)
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(`Bearer ${key}`);
  await screenshot(page, "keys-new-key-once");
  await shown.getByRole("button", { name: "I have stored the key" }).click();
  await expect(shown).toBeHidden();

  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText(key.slice(0, 11));
  await expect(row).toContainText(POLICY);
  await expect(page.getByText(key)).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toBeVisible();
  expect(await page.content()).not.toContain(key);

  const auth = { authorization: `Bearer ${key}` };
  await expect.poll(async () => (await request.get("/api/v1/models", { headers: auth })).status()).toBe(200);
  const models = await (await request.get("/api/v1/models", { headers: auth })).json();
  expect(models.data.map((m: { id: string }) => m.id)).toContain("frontdesk/auto");
  const chat = await request.post("/api/v1/chat/completions", { headers: auth, data: { model: "frontdesk/auto", messages: [{ role: "user", content: "What are your opening hours?" }] } });
  expect(chat.status()).toBe(200);
  await expect
    .poll(async () => {
      await page.reload();
      return page.getByRole("row", { name: new RegExp(name) }).getByRole("cell").nth(4).textContent();
    })
    .not.toBe("Never");
  await expect(page.getByRole("meter", { name: `Budget used by ${name}` })).toBeVisible();

  await page.getByRole("button", { name: `Edit ${name}` }).click();
  const edit = page.getByRole("dialog", { name: `Edit ${name}` });
  await expect(edit.getByLabel("Policy")).toHaveValue(POLICY);
  await edit.getByLabel("Monthly budget (USD)").fill("10");
  await edit.getByLabel("When over budget").selectOption("reject");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit).toBeHidden();
  const edited = page.getByRole("row", { name: new RegExp(name) });
  await expect(edited).toContainText("of $10.00");
  await expect(edited).toContainText("Reject");
  await screenshot(page, "keys-list");

  await page.getByRole("button", { name: `Revoke ${name}` }).click();
  const confirm = page.getByRole("alertdialog", { name: `Revoke ${name}?` });
  await expect(confirm).toContainText("401 Unauthorized");
  await screenshot(page, "keys-revoke-confirm");
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toHaveCount(0);
  await expect.poll(async () => (await request.get("/api/v1/models", { headers: auth })).status()).toBe(401);
  const refused = await request.post("/api/v1/chat/completions", { headers: auth, data: { model: "frontdesk/auto", messages: [{ role: "user", content: "hi" }] } });
  expect(refused.status()).toBe(401);

  await page.getByLabel("Show revoked keys").check();
  await expect(page.getByRole("row", { name: new RegExp(name) }).getByText("Revoked", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: `Revoke ${name}` })).toHaveCount(0);
  await screenshot(page, "keys-list-revoked");
});
