/**
 * Setup file for integration tests: points DATABASE_URL at the run's fresh database before any
 * module creates the Prisma client.
 */
import { afterAll, inject } from "vitest";
import { resetEnvCache } from "../env";

process.env.DATABASE_URL = inject("databaseUrl");
resetEnvCache();

afterAll(async () => {
  const { disconnectDb } = await import("../db/prisma");
  await disconnectDb();
});
