import { afterAll, describe, expect, inject, it } from "vitest";
import { verifyPassword } from "../lib/auth/password";
import { createPrismaClient, type Db } from "../lib/db/prisma";
import { createTestDatabase } from "../lib/testing/test-database";
import { DEMO_DATASET } from "../lib/demo/demo-dataset";
import { ruleSchema } from "../lib/routing/config-schema";
import { seed } from "./seed";

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

const databaseUrlOf = new Map<Db, string>();

async function freshDb(): Promise<Db> {
  const database = await createTestDatabase(inject("pgServerUrl"), "frontdesk_seed");
  const client = createPrismaClient(database.url, 2);
  databaseUrlOf.set(client, database.url);
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
    expect(first).toEqual({ seeded: true, admin: { email: "first.admin@example.com", generatedPassword: undefined }, demoDataset: { name: DEMO_DATASET.name, rows: 600 } });
    expect(await verifyPassword("first-admin-pw", (await adminHash(client, "first.admin@example.com"))!)).toBe(true);
    const policy = await client.policy.findUnique({ where: { name: "default" }, include: { tiers: { orderBy: { position: "asc" }, include: { tier: true } } } });
    expect(policy?.tiers.map((t) => t.tier.name)).toEqual(["fast", "capable"]);
    // the demo rules, valid for the engine, in both policies
    for (const name of ["default", "three-tier"]) {
      const rules = await client.rule.findMany({ where: { policy: { name } }, orderBy: { position: "asc" }, include: { targetTier: true } });
      expect(rules.map((r) => [r.name, r.targetTier.name])).toEqual([["support-faq", "fast"], ["small-talk", "fast"], ["disputes", "capable"]]);
      for (const r of rules) expect(ruleSchema.safeParse({ name: r.name, match: r.match, tier: r.targetTier.name }).success).toBe(true);
    }
    expect(await client.auditLog.count({ where: { action: "user.create" } })).toBe(1);
    // The shipped RouteProfile outcomes, imported by the first admin, cover the default policy's models.
    const dataset = await client.dataset.findUniqueOrThrow({ where: { name: DEMO_DATASET.name }, include: { _count: { select: { rows: true } } } });
    expect(dataset).toMatchObject({ source: "demo", rowCount: 600, _count: { rows: 600 } });
    expect(dataset.models).toEqual(expect.arrayContaining(policy!.tiers.map((t) => t.tier.model)));
    expect(await client.auditLog.findFirst({ where: { action: "dataset.import", targetId: dataset.id } })).toMatchObject({ actorEmail: "first.admin@example.com" });
    expect(await client.job.count()).toBe(0);

    const second = await seed({ adminEmail: "someone.else@example.com", adminPassword: "another-pw-1", demo: true }, client);
    expect(second).toEqual({ seeded: false });
    expect(await client.user.count()).toBe(1);
    expect(await client.tier.count()).toBe(3);
    expect(await client.dataset.count()).toBe(1);
  });

  it("runs once when two instances seed the same empty database at the same moment: one first admin", async () => {
    const first = await freshDb();
    const second = createPrismaClient(databaseUrlOf.get(first)!, 2);
    cleanups.unshift(() => second.$disconnect());
    const results = await Promise.all([
      seed({ adminEmail: "one@example.com", adminPassword: "first-admin-pw", demo: true, demoTraffic: false }, first),
      seed({ adminEmail: "two@example.com", adminPassword: "other-admin-pw", demo: true, demoTraffic: false }, second),
    ]);
    expect(results.map((r) => r.seeded).sort()).toEqual([false, true]);
    expect(await first.user.count()).toBe(1);
    expect(await first.user.count({ where: { role: "admin" } })).toBe(1);
    expect(await first.policy.count({ where: { name: "default" } })).toBe(1);
    expect(await first.dataset.count()).toBe(1);
  });

  it("generates a random admin password when none is given", async () => {
    const client = await freshDb();
    const result = await seed({ demo: false }, client);
    const password = result.admin?.generatedPassword;
    expect(password).toMatch(/^[\w-]{16,}$/);
    expect(await verifyPassword(password!, (await adminHash(client, "admin@frontdesk.local"))!)).toBe(true);
    expect(await client.tier.count()).toBe(0);
    expect(await client.dataset.count()).toBe(0);
  });
});
