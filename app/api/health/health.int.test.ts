import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb } from "@/lib/db/prisma";
import { resetEnvCache } from "@/lib/env";
import { gatewayRuntime } from "@/lib/gateway/gateway-runtime";
import { jsonRequest, signedIn } from "@/lib/testing/requests";
import { VERSION } from "@/lib/version";
import { GET } from "./route";

const health = (cookie?: string) => GET(jsonRequest("GET", "/api/health", { cookie }));

describe("GET /api/health", () => {
  const realUrl = process.env.DATABASE_URL;
  let cookie: string;
  beforeAll(async () => {
    cookie = (await signedIn("reviewer")).cookie;
  });
  afterEach(async () => {
    await disconnectDb();
    process.env.DATABASE_URL = realUrl;
    resetEnvCache();
  });

  it("reports ok with the version and the request-log queue to a signed-in user", async () => {
    const res = await health(cookie);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", db: "ok", version: VERSION, requestLog: { dropped: 0 } });
  });

  it("tells anonymous callers only the status: no version, no request-log errors", async () => {
    const stats = gatewayRuntime().requestLog.stats();
    expect(stats).toHaveProperty("lastError");
    for (const c of [undefined, "fd_session=not-a-session"]) {
      const res = await health(c);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: "ok" });
    }
  });

  it("answers 503 degraded when the database is unreachable, with details to nobody", async () => {
    await disconnectDb();
    process.env.DATABASE_URL = "postgresql://postgres@127.0.0.1:1/nowhere";
    resetEnvCache();
    const res = await health(cookie);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "degraded" });
  });
});
