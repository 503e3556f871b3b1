import { describe, expect, inject, it } from "vitest";
import { db } from "../db/prisma";
import { runCli } from "../testing/spawn-gateway";

const databaseUrl = inject("databaseUrl");

describe("frontdesk keys create --rate-limit", () => {
  it("stores the per-minute rate limit and lists it", async () => {
    const key = (await runCli(["keys", "create", "--name", "cli-limited", "--rate-limit", "45"], databaseUrl)).trim();
    const row = await db.apiKey.findFirstOrThrow({ where: { prefix: key.slice(0, 11) } });
    expect(row.rateLimitPerMinute).toBe(45);
    const plain = (await runCli(["keys", "create", "--name", "cli-unlimited"], databaseUrl)).trim();
    expect((await db.apiKey.findFirstOrThrow({ where: { prefix: plain.slice(0, 11) } })).rateLimitPerMinute).toBeNull();
    const list = await runCli(["keys", "list"], databaseUrl);
    expect(list).toMatch(/cli-limited .*45\/min/);
    expect(list).toMatch(/cli-unlimited .*no rate limit/);
  }, 60_000);

  it.each(["0", "-3", "1.5", "x", "100001"])("refuses --rate-limit %j with a usage error (exit 2) and creates nothing", async (value) => {
    await expect(runCli(["keys", "create", "--name", "cli-bad-rate", `--rate-limit=${value}`], databaseUrl)).rejects.toThrow(/exited 2: .*--rate-limit must be a whole number/);
    expect(await db.apiKey.count({ where: { name: "cli-bad-rate" } })).toBe(0);
  }, 60_000);
});
