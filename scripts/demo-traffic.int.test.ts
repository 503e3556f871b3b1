import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { freePort } from "../lib/db/embedded-postgres";

const ROOT = path.resolve(import.meta.dirname, "..");

describe("npm run demo:traffic", () => {
  it("says why nothing was sent when no gateway answers, and how to point it elsewhere", async () => {
    const port = await freePort();
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/demo-traffic.ts", "--key", "fd_unused", "--count", "3"], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port) },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`no gateway at http://localhost:${port}/api/v1: connection refused`);
    expect(run.stderr).toContain("--url http://localhost:<port>/api/v1");
    expect(run.stdout).not.toContain("failed");
  });
});
