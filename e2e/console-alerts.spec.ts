import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { apiSignIn, createUserViaApi, E2E_ADMIN, signInWithForm } from "./helpers";

// An admin adds a webhook channel pointing at a receiver this spec runs on loopback, sends a
// test, and sees it sent in the delivery log; the receiver got it, signed with the secret.

type Received = { headers: http.IncomingHttpHeaders; raw: string };

const SECRET = "e2e-webhook-signing-secret";
const received: Received[] = [];
let server: http.Server;
let receiverUrl: string;

test.beforeAll(async () => {
  server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (p: Buffer) => parts.push(p));
    req.on("end", () => {
      received.push({ headers: req.headers, raw: Buffer.concat(parts).toString("utf8") });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/frontdesk-hook`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
});

test("an admin adds a webhook channel, sends a test and sees it delivered", async ({ page }) => {
  const name = `e2e hook ${Date.now()}`;
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Alerts", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Alerts", level: 1 })).toBeVisible();

  const channels = page.getByRole("region", { name: "Channels" });
  await channels.getByRole("button", { name: "Add channel" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Add alert channel" });
  await dialog.getByLabel("Name", { exact: true }).fill(name);
  await expect(dialog.getByLabel("Kind")).toHaveValue("webhook");
  // Validation first: no secret and a URL that is not one.
  await dialog.getByLabel("URL", { exact: true }).fill("hooks.example.com");
  await dialog.getByRole("button", { name: "Add channel" }).click();
  await expect(dialog.getByText("Enter a full URL")).toBeVisible();
  await dialog.getByLabel("URL", { exact: true }).fill(receiverUrl);
  await dialog.getByLabel("Signing secret").fill(SECRET);
  await dialog.getByRole("button", { name: "Add channel" }).click();
  await expect(dialog).toBeHidden();

  const table = channels.getByRole("table", { name: "Alert channels" });
  await expect(table).toContainText(name);
  await expect(table).toContainText(receiverUrl);
  await table.getByRole("button", { name: `Send test to ${name}` }).click();
  await expect(table.getByText("Test sent")).toBeVisible();

  const log = page.getByRole("region", { name: "Delivery log" }).getByRole("table", { name: "Delivery log" });
  const row = log.getByRole("row").filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Sent");
  await expect(row).toContainText("Test");

  expect(received).toHaveLength(1);
  const [got] = received;
  expect(got!.headers["x-frontdesk-signature"]).toBe(`sha256=${createHmac("sha256", SECRET).update(got!.raw).digest("hex")}`);
  expect(JSON.parse(got!.raw)).toMatchObject({ event: "test", title: `Test message for channel ${name}` });
});

test("ops see each tier's upstream health, with details on demand", async ({ page, playwright }) => {
  const OPS = { email: "ops.upstreams@e2e.test", password: "ops-upstreams-password", role: "ops", name: "Uma Upstreams" };
  const admin = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  await apiSignIn(admin, E2E_ADMIN.email, E2E_ADMIN.password);
  await createUserViaApi(admin, OPS);
  await admin.dispose();

  await signInWithForm(page, OPS.email, OPS.password);
  const nav = page.getByRole("navigation", { name: "Main" }).first();
  await expect(nav.getByRole("link", { name: "Alerts", exact: true })).toHaveCount(0); // admins only
  await nav.getByRole("link", { name: "Upstreams" }).click();
  await expect(page.getByRole("heading", { name: "Upstreams", level: 1 })).toBeVisible();
  const table = page.getByRole("table", { name: "Upstream health" });
  await expect(table.getByRole("row")).not.toHaveCount(0);
  const details = table.getByRole("button", { name: /^Details of / }).first();
  await details.click();
  await expect(details).toHaveAttribute("aria-expanded", "true");
  await expect(table.getByText(/Breaker history \(7 days\)/)).toBeVisible();
});
