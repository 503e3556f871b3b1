import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SYSTEM_ACTOR } from "../db/audit-repo";
import { db, disconnectDb } from "../db/prisma";
import { resetEnvCache } from "../env";
import { AppError } from "../http/app-error";
import { createTestDatabase } from "../testing/test-database";
import { createUser, updateUser } from "./manage-users";
import type { UpdateUserInput } from "./user-schemas";

// The last-admin guard under concurrency. This file has a database of its own: the guard counts
// every active admin, and the run's shared database holds the admins of every other test file.

const realUrl = process.env.DATABASE_URL;
let drop: () => Promise<void>;

beforeAll(async () => {
  const database = await createTestDatabase(inject("pgServerUrl"), "frontdesk_admins");
  drop = database.drop;
  await disconnectDb();
  process.env.DATABASE_URL = database.url;
  resetEnvCache();
});

afterAll(async () => {
  await disconnectDb();
  process.env.DATABASE_URL = realUrl;
  resetEnvCache();
  await drop?.();
});

let n = 0;
const admin = () => createUser(SYSTEM_ACTOR, { email: `admin-${++n}@example.com`, name: "", role: "admin", password: "long-enough-pw" });
const activeAdmins = () => db.user.count({ where: { role: "admin", disabled: false } });

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
}

describe("the last active admin under concurrency", () => {
  const changes: Array<[string, UpdateUserInput, UpdateUserInput]> = [
    ["two demotions", { role: "ops" }, { role: "reviewer" }],
    ["two disablings", { disabled: true }, { disabled: true }],
    ["a demotion and a disabling", { role: "owner" }, { disabled: true }],
  ];
  it.each(changes)("%s of the two remaining admins at once leave one admin (10 rounds)", async (_name, first, second) => {
    for (let round = 0; round < 10; round++) {
      await db.user.updateMany({ where: { role: "admin" }, data: { role: "ops" } });
      const [a, b] = [await admin(), await admin()];
      expect(await activeAdmins()).toBe(2);
      const results = await Promise.all([outcome(updateUser(SYSTEM_ACTOR, a.id, first)), outcome(updateUser(SYSTEM_ACTOR, b.id, second))]);
      expect(results.sort()).toEqual(["conflict", "ok"]);
      expect(await activeAdmins()).toBe(1);
    }
  });
});
