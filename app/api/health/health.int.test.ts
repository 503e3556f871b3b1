import { afterEach, describe, expect, it } from "vitest";
import { disconnectDb } from "@/lib/db/prisma";
import { resetEnvCache } from "@/lib/env";
import { VERSION } from "@/lib/version";
import { GET } from "./route";

describe("GET /api/health", () => {
  const realUrl = process.env.DATABASE_URL;
  afterEach(async () => {
    await disconnectDb();
    process.env.DATABASE_URL = realUrl;
    resetEnvCache();
  });

  it("reports ok with the version when the database answers", async () => {
    const res = await GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", db: "ok", version: VERSION, requestLog: { dropped: 0 } });
  });

  it("answers 503 with db: down when the database is unreachable", async () => {
    await disconnectDb();
    process.env.DATABASE_URL = "postgresql://postgres@127.0.0.1:1/nowhere";
    resetEnvCache();
    const res = await GET();
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ db: "down" });
  });
});
