import { spawnSync } from "node:child_process";
import { readFileSync, statSync, utimesSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- a plain ES module without types (run by `npm run gateway` before any loader)
import { bundlePath, bundleUpToDate, compiledGateway } from "./compile-gateway.mjs";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("the compiled gateway (npm run gateway)", () => {
  it("is rebuilt when a source is newer than the bundle, and reused otherwise", async () => {
    const file: string = await compiledGateway();
    expect(file).toBe(bundlePath());
    expect(bundleUpToDate()).toBe(true);
    const inputs: string[] = JSON.parse(readFileSync(`${file}.inputs.json`, "utf8"));
    expect(inputs).toContain("scripts/gateway.ts");
    expect(inputs).toContain("lib/routing/decide.ts");
    const built = statSync(file).mtimeMs;
    await compiledGateway();
    expect(statSync(file).mtimeMs).toBe(built); // nothing changed: not rebuilt

    // the bundle made older than its sources: stale, and rebuilt by the next call
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(file, hourAgo, hourAgo);
    expect(bundleUpToDate()).toBe(false);
    await compiledGateway();
    expect(statSync(file).mtimeMs).toBeGreaterThan(hourAgo.getTime());
    expect(bundleUpToDate()).toBe(true);
  });

  it("points our sources' import.meta lookups at their own files and carries no name helpers", async () => {
    const file: string = await compiledGateway();
    const code = readFileSync(file, "utf8");
    expect(code).not.toMatch(/\b__name\(/); // tsx's keepNames helper, the cost this build removes
    expect(code).not.toContain("import.meta.dirname");
    expect(code).toContain(JSON.stringify(pathToFileURL(path.join(ROOT, "lib/db/generated/client.ts")).href)); // the Prisma client finds its own folder
    // and it runs: without a database it stops with the gateway's own message
    const run = spawnSync(process.execPath, ["scripts/gateway.mjs"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: "mysql://nope" }, encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("DATABASE_URL: must be a postgresql:// URL");
  });
});
