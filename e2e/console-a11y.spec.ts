import { expect, test, type Page } from "@playwright/test";
import { NAV_ITEMS } from "../lib/auth/permissions";
import { apiSignIn, E2E_ADMIN, screenshot, signInWithForm, seriousViolations } from "./helpers";

/**
 * Every console page (the navigation's list, so a new page is covered the day it gets a nav
 * entry), one request's detail and the sign-in page: axe finds no serious or critical WCAG 2 A/AA
 * violation, and at a phone's 390 px nothing scrolls sideways. Light and dark colour schemes.
 */
test.describe.configure({ timeout: 120_000 });

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

async function sidewaysOverflow(page: Page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    return root.scrollWidth > root.clientWidth ? `scrollWidth ${root.scrollWidth} > clientWidth ${root.clientWidth}` : null;
  });
}

/** The body's background as sRGB luma 0–255 (painted on a canvas: computed colours may be oklch()). */
async function bodyLuma(page: Page) {
  return page.evaluate(() => {
    const ctx = document.createElement("canvas").getContext("2d")!;
    ctx.fillStyle = getComputedStyle(document.body).backgroundColor;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  });
}

/** The page has settled: no loading placeholder left (charts and tables drawn). */
async function settle(page: Page) {
  await expect(page.locator("main")).toBeVisible();
  await expect(page.locator('[role="status"][aria-label^="Loading"]')).toHaveCount(0, { timeout: 30_000 });
  await page.waitForTimeout(300); // charts measure their container once after the data arrives
}

/** Both schemes at both widths: axe's serious and critical findings, and sideways scroll at 390 px. */
async function checkPage(page: Page, path: string) {
  const problems: string[] = [];
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    for (const viewport of [DESKTOP, PHONE]) {
      await page.setViewportSize(viewport);
      await page.goto(path);
      await settle(page);
      await screenshot(page, `a11y-${colorScheme}-${viewport.width}-${path.split("/").slice(1, 3).join("-").slice(0, 20)}`);
      for (const v of await seriousViolations(page)) problems.push(`${colorScheme} @${viewport.width}: ${v}`);
      if (viewport === PHONE) {
        const overflow = await sidewaysOverflow(page);
        if (overflow) problems.push(`${colorScheme} @390: scrolls sideways (${overflow})`);
      }
    }
  }
  expect(problems, `${path}:\n${problems.join("\n")}`).toEqual([]);
}

test.describe("signed in as admin", () => {
  test.beforeEach(async ({ page }) => {
    await apiSignIn(page.request, E2E_ADMIN.email, E2E_ADMIN.password); // the page's context shares the cookie
  });

  for (const item of NAV_ITEMS) {
    test(`${item.href} passes axe and fits 390 px, light and dark`, async ({ page }) => {
      await checkPage(page, item.href);
    });
  }

  test("a request's detail page passes axe and fits 390 px, light and dark", async ({ page }) => {
    const list = await page.request.get("/api/admin/requests?limit=1");
    expect(list.status()).toBe(200);
    const [first] = ((await list.json()) as { items: Array<{ id: string }> }).items;
    expect(first, "the demo week has requests").toBeDefined();
    await checkPage(page, `/requests/${first!.id}`);
  });
});

test("the sign-in page passes axe and fits 390 px, and dark mode paints a dark background", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.setViewportSize(PHONE);
  await page.goto("/sign-in");
  await expect(page.getByLabel("Email")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  expect(await sidewaysOverflow(page)).toBeNull();
  expect(await bodyLuma(page)).toBeLessThan(60);
  await page.emulateMedia({ colorScheme: "light" });
  expect(await bodyLuma(page)).toBeGreaterThan(200);
  expect(await seriousViolations(page)).toEqual([]);
});

test("at 390 px the navigation is a menu that lists every page", async ({ page }) => {
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
