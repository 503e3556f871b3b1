import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { NAV_ITEMS } from "../lib/auth/permissions";
import { apiSignIn, E2E_ADMIN, screenshot, signInWithForm } from "./helpers";

/**
 * Every console page (the navigation's list, so a new page is covered the day it gets a nav
 * entry), one request's detail and the sign-in page: axe finds no serious or critical WCAG 2 A/AA
 * violation, and at a phone's 390 px nothing scrolls sideways. Light and dark colour schemes.
 */
test.describe.configure({ timeout: 180_000 });

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

async function sidewaysOverflow(page: Page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    return root.scrollWidth > root.clientWidth ? `scrollWidth ${root.scrollWidth} > clientWidth ${root.clientWidth}` : null;
  });
}

/** The page has settled: no loading placeholder left (charts and tables drawn). */
async function settle(page: Page) {
  await expect(page.locator("main")).toBeVisible();
  await expect(page.locator('[role="status"][aria-label^="Loading"]')).toHaveCount(0, { timeout: 30_000 });
  await page.waitForLoadState("networkidle").catch(() => undefined);
}

async function consolePages(page: Page): Promise<string[]> {
  const paths = NAV_ITEMS.map((item) => item.href);
  const list = await page.request.get("/api/admin/requests?limit=1");
  const first = list.ok() ? ((await list.json()) as { items?: Array<{ id: string }> }).items?.[0] : undefined;
  if (first) paths.push(`/requests/${first.id}`);
  return paths;
}

for (const colorScheme of ["light", "dark"] as const) {
  test(`every console page passes axe and fits 390 px (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await expect(page).toHaveURL(/\/overview/);
    const problems: string[] = [];
    for (const path of await consolePages(page)) {
      for (const viewport of [DESKTOP, PHONE]) {
        await page.setViewportSize(viewport);
        await page.goto(path);
        await settle(page);
        const name = `a11y-${colorScheme}-${viewport.width}-${path.replace(/\//g, "_").slice(1, 40)}`;
        await screenshot(page, name);
        for (const v of await seriousViolations(page)) problems.push(`${path} @${viewport.width}: ${v}`);
        if (viewport === PHONE) {
          const overflow = await sidewaysOverflow(page);
          if (overflow) problems.push(`${path} @390: scrolls sideways (${overflow})`);
        }
      }
    }
    expect(problems, problems.join("\n")).toEqual([]);
  });
}

test("the sign-in page passes axe and fits 390 px, and dark mode paints a dark background", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.setViewportSize(PHONE);
  await page.goto("/sign-in");
  await expect(page.getByLabel("Email")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  expect(await sidewaysOverflow(page)).toBeNull();
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = background.match(/\d+(\.\d+)?/g)!.map(Number);
  expect(0.2126 * r! + 0.7152 * g! + 0.0722 * b!, background).toBeLessThan(60);
  await page.emulateMedia({ colorScheme: "light" });
  expect(await seriousViolations(page)).toEqual([]);
});

test("at 390 px the navigation is a menu that lists every page", async ({ page, playwright }) => {
  const request = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  await apiSignIn(request, E2E_ADMIN.email, E2E_ADMIN.password);
  await request.dispose();
  await page.setViewportSize(PHONE);
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(/\/overview/);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await page.getByRole("button", { name: "Menu" }).click();
  const menu = page.getByRole("dialog", { name: "Menu" });
  for (const item of NAV_ITEMS) await expect(menu.getByRole("link", { name: item.label, exact: true })).toBeVisible();
  await menu.getByRole("link", { name: "Rules", exact: true }).click();
  await expect(page).toHaveURL(/\/rules$/);
  await expect(menu).toBeHidden();
});
