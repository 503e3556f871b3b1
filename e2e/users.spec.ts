import { expect, test } from "@playwright/test";
import { E2E_ADMIN, screenshot, signInWithForm } from "./helpers";

test("an admin adds a user with validation, changes the role and disables them", async ({ page }) => {
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();

  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a user" });
  await dialog.getByLabel("Email").fill("not-an-email");
  await dialog.getByLabel("Initial password").fill("short");
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(dialog.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
  await expect(dialog.getByText("Passwords need at least 8 characters.")).toBeVisible();
  await screenshot(page, "users-add-errors");

  const email = `olivia.${Date.now()}@e2e.test`;
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Name").fill("Olivia Ops");
  await dialog.getByLabel("Role").selectOption("ops");
  await dialog.getByLabel("Initial password").fill("olivia-password");
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole("searchbox", { name: "Search users" }).fill("olivia");
  const row = page.getByRole("row", { name: /Olivia Ops/ });
  await expect(row).toBeVisible();
  await row.getByLabel(`Role of ${email}`).selectOption("owner");
  await expect(row.getByLabel(`Role of ${email}`)).toHaveValue("owner");
  await row.getByRole("button", { name: `Disable ${email}` }).click();
  await expect(row.getByText("Disabled")).toBeVisible();
  await screenshot(page, "users-list");

  await page.reload();
  await page.getByRole("searchbox", { name: "Search users" }).fill("olivia");
  await expect(page.getByRole("row", { name: /Olivia Ops/ }).getByText("Disabled")).toBeVisible();
  await expect(page.getByRole("row", { name: /Olivia Ops/ }).getByLabel(`Role of ${email}`)).toHaveValue("owner");
});
