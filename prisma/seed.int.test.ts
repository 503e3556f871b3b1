import { afterAll, describe, expect, inject, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import { createTestDatabase } from "@/lib/testing/test-database";
import { seed } from "./seed";

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

async function freshDb(): Promise<Db> {
  const database = await createTestDatabase(inject("pgServerUrl"), "frontdesk_seed");
  const client = createPrismaClient(database.url, 2);
  cleanups.push(async () => {
    await client.$disconnect();
    await database.drop();
  });
  return client;
}

async function adminHash(client: Db, email: string) {
  return (await client.user.findUnique({ where: { email }, omit: { passwordHash: false } }))?.passwordHash;
}

describe("first-run seed", () => {
  it("creates the first admin from ADMIN_EMAIL/ADMIN_PASSWORD and the demo config, exactly once", async () => {
    const client = await freshDb();
    const first = await seed({ adminEmail: "First.Admin@Example.com", adminPassword: "first-admin-pw", demo: true }, client);
    expect(first).toEqual({ seeded: true, admin: { email: "first.admin@example.com", generatedPassword: undefined } });
    expect(await verifyPassword("first-admin-pw", (await adminHash(client, "first.admin@example.com"))!)).toBe(true);
    const policy = await client.policy.findUnique({ where: { name: "default" }, include: { tiers: { orderBy: { position: "asc" }, include: { tier: true } } } });
    expect(policy?.tiers.map((t) => t.tier.name)).toEqual(["fast", "capable"]);
    expect(await client.auditLog.count({ where: { action: "user.create" } })).toBe(1);

    const second = await seed({ adminEmail: "someone.else@example.com", adminPassword: "another-pw-1", demo: true }, client);
    expect(second).toEqual({ seeded: false });
    expect(await client.user.count()).toBe(1);
    expect(await client.tier.count()).toBe(3);
  });

  it("generates a random admin password when none is given", async () => {
    const client = await freshDb();
    const result = await seed({ demo: false }, client);
    const password = result.admin?.generatedPassword;
    expect(password).toMatch(/^[\w-]{16,}$/);
    expect(await verifyPassword(password!, (await adminHash(client, "admin@frontdesk.local"))!)).toBe(true);
    expect(await client.tier.count()).toBe(0);
  });
});
