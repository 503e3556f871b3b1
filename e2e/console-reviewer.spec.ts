import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { apiSignIn, createUserViaApi, E2E_ADMIN, screenshot, signInWithForm } from "./helpers";

/**
 * A reviewer's day beyond the queue: the request log and a request's detail page (labeling it
 * there), identical prompts labeled at once from the queue after a confirm, and the keyboard
 * coming back to the verdicts after a note is saved with Ctrl+Enter. Its own policy, so the
 * queue holds only this spec's traffic.
 */
const REVIEWER = { email: "remy.reviewer@e2e.test", password: "remy-reviewer-password", role: "reviewer", name: "Remy Reviewer" };
const POLICY = "reviewer-e2e";
const RUN = Date.now().toString(36); // a retry sends new prompts: the first run's are labeled already
const SAME = `What time does the Lisbon office open on Saturdays? (${RUN})`;
const DETAIL = `Explain the difference between a mutex and a semaphore, with an example. (${RUN})`;
const OTHERS = [`Write a haiku about database indexes. (${RUN})`, `Convert 72 degrees Fahrenheit to Celsius and show the steps. (${RUN})`];

async function adminApi(playwright: { request: { newContext(o: { baseURL?: string }): Promise<APIRequestContext> } }) {
  const request = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  await apiSignIn(request, E2E_ADMIN.email, E2E_ADMIN.password);
  return request;
}

async function ask(request: APIRequestContext, key: string, content: string) {
  const res = await request.post("/api/v1/chat/completions", { headers: { authorization: `Bearer ${key}` }, data: { model: "frontdesk/auto", messages: [{ role: "user", content }] } });
  expect(res.status(), await res.text()).toBe(200);
}

test.describe.configure({ mode: "serial", timeout: 120_000 });

test.beforeAll(async ({ playwright }) => {
  const admin = await adminApi(playwright);
  await createUserViaApi(admin, REVIEWER);
  const applied = await admin.post("/api/admin/config", { data: { policies: [{ name: POLICY, tiers: ["fast", "capable"] }] } });
  expect(applied.status(), await applied.text()).toBe(200);
  const made = await admin.post("/api/admin/keys", { data: { name: `reviewer e2e ${RUN}`, policy: POLICY } });
  expect(made.status(), await made.text()).toBe(201);
  const { key } = (await made.json()) as { key: string };
  // The gateway learns of the new key on its next config reload: slow at times on a loaded machine.
  await expect.poll(async () => (await admin.get("/api/v1/models", { headers: { authorization: `Bearer ${key}` } })).status(), { timeout: 20_000 }).toBe(200);
  for (const content of [SAME, SAME, SAME, DETAIL, ...OTHERS]) await ask(admin, key, content);
  await expect
    .poll(async () => (await (await admin.get(`/api/admin/labeling/progress?policy=${POLICY}`)).json()).remaining, { timeout: 15_000 })
    .toBeGreaterThanOrEqual(6);
  await admin.dispose();
});

test("reviewer labels from a request's detail", async ({ page }) => {
  await signInWithForm(page, REVIEWER.email, REVIEWER.password);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Requests" }).click();
  await expect(page.getByRole("heading", { name: "Requests" })).toBeVisible();
  await page.getByLabel("Search prompts").fill(DETAIL);
  await page.getByRole("button", { name: "Search" }).click();
  const links = page.getByRole("link", { name: /^Request / });
  await expect(links).toHaveCount(1);
  await links.first().click();
  await expect(page.getByRole("heading", { name: "Request", exact: true })).toBeVisible();
  const labels = page.getByRole("region", { name: "Labels" });
  await expect(labels).toContainText("No reviewer has labeled this request yet.");

  const form = labels.getByRole("form", { name: "Label this request" });
  await form.getByRole("button", { name: "Save label" }).click();
  await expect(form.getByRole("alert")).toHaveText("Choose a verdict.");
  const requestId = page.url().split("/").pop()!;
  const detail = await page.request.get(`/api/admin/requests/${requestId}`); // reviewers read the request API too
  expect(detail.status()).toBe(200);
  const tier = ((await detail.json()) as { request: { tierName: string } }).request.tierName;
  // "Should be cheaper" needs a cheaper tier: on the cheapest one the form says so, and "more capable" is the other way.
  await form.getByLabel(tier === "capable" ? "Should be cheaper" : "Should be more capable").check();
  await expect(form.getByRole("alert")).toHaveCount(0); // the error leaves with the choice
  await expect(form.getByLabel("Right tier")).toHaveValue(tier === "capable" ? "fast" : "capable");
  await form.getByLabel("Note (optional)").fill("labeled from the detail page");
  await screenshot(page, "request-detail-label-form");
  await form.getByRole("button", { name: "Save label" }).click();

  await expect(labels.getByRole("listitem")).toHaveCount(1);
  await expect(labels.getByRole("listitem")).toContainText(tier === "capable" ? "Should be cheaper" : "Should be more capable");
  await expect(labels.getByRole("listitem")).toContainText(REVIEWER.email);
  await expect(labels.getByRole("listitem")).toContainText("“labeled from the detail page”");
  await expect(form).toHaveCount(0); // labeled: the control is gone
  expect((await page.request.patch(`/api/admin/policies/${POLICY}`, { data: { bias: 0 } })).status()).toBe(403); // still read-only for config
});

const currentId = (page: Page) => page.getByRole("article", { name: "Request under review" }).getAttribute("data-request-id");

test("the queue labels identical requests at once after a confirm, and the keyboard returns to the verdicts after a note", async ({ page }) => {
  await signInWithForm(page, REVIEWER.email, REVIEWER.password);
  await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Labeling" }).click();
  await page.getByLabel("Policy").selectOption(POLICY);
  const item = page.getByRole("article", { name: "Request under review" });
  let didGroup = false;
  let didKeyboard = false;
  const prompts: string[] = [];
  for (let i = 0; i < 4 && !(didGroup && didKeyboard); i++) {
    await expect(item).toBeVisible();
    const id = await currentId(page);
    const prompt = (await item.getByTestId("item-prompt").textContent()) ?? "";
    expect(prompts.at(-1)).not.toBe(prompt); // never the same prompt twice in a row
    prompts.push(prompt);
    const group = item.getByText(/^\d+ identical requests$/);
    if (!didGroup && prompt.includes(SAME) && (await group.count()) > 0) {
      const n = Number((await group.textContent())!.split(" ")[0]);
      expect(n).toBeGreaterThanOrEqual(2);
      await page.getByRole("button", { name: "Correct" }).click();
      await page.getByLabel(`Apply to all ${n} identical requests (asks to confirm)`).check();
      await page.getByRole("button", { name: "Save and next" }).click();
      const confirm = page.getByRole("dialog", { name: `Label ${n} identical requests?` });
      await expect(confirm).toContainText("All are saved or none.");
      await screenshot(page, "labeling-apply-to-identical");
      await confirm.getByRole("button", { name: "Cancel" }).click();
      expect(await currentId(page)).toBe(id); // cancelled: nothing saved, still on screen
      await page.getByRole("button", { name: "Save and next" }).click();
      await confirm.getByRole("button", { name: `Label all ${n}` }).click();
      await expect(page.getByText(`Label saved on ${n} identical requests.`)).toBeVisible();
      didGroup = true;
    } else {
      // Keyboard only: a verdict, a note, Ctrl+Enter saves, and the next shortcut is a verdict, not text in the note.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press("1");
      await page.keyboard.press("/");
      await expect(page.getByLabel("Note (optional)")).toBeFocused();
      await page.keyboard.type("fine as it is");
      await page.keyboard.press("Control+Enter");
      await expect.poll(() => currentId(page)).not.toBe(id);
      await expect(page.getByRole("group", { name: "Verdict" }).getByRole("button").first()).toBeFocused();
      await expect(page.getByLabel("Note (optional)")).toHaveValue("");
      await page.keyboard.press("1");
      await expect(page.getByRole("button", { name: "Correct" })).toHaveAttribute("aria-pressed", "true");
      await expect(page.getByLabel("Note (optional)")).toHaveValue("");
      didKeyboard = true;
      if (didGroup) break;
    }
    await expect.poll(() => currentId(page)).not.toBe(id);
  }
  expect(didGroup).toBe(true);
  expect(didKeyboard).toBe(true);
});
