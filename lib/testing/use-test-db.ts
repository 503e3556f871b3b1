/**
 * Setup file for integration tests: points DATABASE_URL at the run's fresh database before any
 * module creates the Prisma client.
 */
import { afterAll, inject } from "vitest";
import { resetEnvCache } from "../env";

process.env.DATABASE_URL = inject("databaseUrl");
// Every test file signs in from the same (absent) address, one after another in one database:
// the sign-in rate limits would refuse the suite. Tests of those limits set them themselves.
process.env.SIGN_IN_PER_IP_PER_MINUTE ??= "1000000";
process.env.SIGN_IN_GLOBAL_PER_MINUTE ??= "1000000";
resetEnvCache();

afterAll(async () => {
  const { disconnectDb } = await import("../db/prisma");
  await disconnectDb();
});
