import { spawn } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { isAlive, selfContained, startEmbeddedPostgres } from "./embedded-postgres";

const dir = mkdtempSync(path.join(os.tmpdir(), "frontdesk-embedded-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function sql<T extends pg.QueryResultRow>(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

function serverPid() {
  return Number(readFileSync(path.join(dir, "pgdata", "postmaster.pid"), "utf8").split("\n")[0]);
}

describe("embedded PostgreSQL", () => {
  it("keeps data across a clean stop and start, and leaves no process behind", async () => {
    const first = await startEmbeddedPostgres({ dataDir: dir, database: "app" });
    expect(first.owned).toBe(true);
    await sql(first.url, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
    const pid = serverPid();
    await first.stop();
    expect(isAlive(pid)).toBe(false);

    const second = await startEmbeddedPostgres({ dataDir: dir, database: "app" });
    expect(await sql(second.url, "SELECT v FROM kept")).toEqual([{ v: "still here" }]);
    const log = readFileSync(path.join(dir, "postgres.log"), "utf8");
    expect(log).not.toMatch(/was not properly shut down/);
    await second.stop();
  });

  it("shares a server another live process started instead of starting a second one", async () => {
    const owner = await startEmbeddedPostgres({ dataDir: dir, database: "app" });
    const otherProcess = spawn("sleep", ["30"]);
    writeFileSync(path.join(dir, "owner.pid"), String(otherProcess.pid));
    try {
      const guest = await startEmbeddedPostgres({ dataDir: dir, database: "app" });
      expect(guest.owned).toBe(false);
      expect(guest.port).toBe(owner.port);
      await guest.stop();
      expect(isAlive(serverPid())).toBe(true);
    } finally {
      otherProcess.kill();
      await owner.stop();
    }
  });
});

describe("embedded PostgreSQL in a private folder", () => {
  it("starts when the binaries and the data folder sit below a 0700 folder (root's home, mktemp -d), and keeps its data", async () => {
    const { postgres, initdb } = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { postgres: string; initdb: string };
    const privateDir = mkdtempSync(path.join(os.tmpdir(), "frontdesk-private-")); // mode 0700
    const native = path.join(privateDir, "checkout", "native");
    // as npm installs it: the libraries' version links relative (libicuuc.so.60 → libicuuc.so.60.2)
    cpSync(path.dirname(path.dirname(postgres)), native, { recursive: true, verbatimSymlinks: true });
    const binaries = { postgres: path.join(native, "bin", path.basename(postgres)), initdb: path.join(native, "bin", path.basename(initdb)) };
    // a cache of our own, so the copy is made here (a shared one may hold it already); reachable by the server user
    const binaryCache = mkdtempSync(path.join(os.tmpdir(), "frontdesk-binaries-"));
    chmodSync(binaryCache, 0o755);
    const lines: string[] = [];
    const dataDir = path.join(privateDir, "checkout", ".data", "postgres");
    try {
      const first = await startEmbeddedPostgres({ dataDir, database: "app", binaries, binaryCache, log: (l) => lines.push(l) });
      await sql(first.url, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('private')");
      await first.stop();
      const second = await startEmbeddedPostgres({ dataDir, database: "app", binaries, binaryCache, log: (l) => lines.push(l) });
      expect(await sql(second.url, "SELECT v FROM kept")).toEqual([{ v: "private" }]);
      await second.stop();
      if (process.getuid?.() === 0) {
        expect(lines.join("\n")).toMatch(/the postgres user cannot reach .* the cluster lives in /);
        expect(lines.filter((l) => l.startsWith("copying the embedded PostgreSQL binaries"))).toHaveLength(1);
        expect(selfContained(binaryCache)).toBe(true);
      }
    } finally {
      const shared = /the cluster lives in (\S+)/.exec(lines.join("\n"))?.[1];
      if (shared) rmSync(path.dirname(shared), { recursive: true, force: true });
      rmSync(privateDir, { recursive: true, force: true });
      rmSync(binaryCache, { recursive: true, force: true });
    }
  });

  it("tells a copy whose links point outside itself (made before links were copied verbatim) from a sound one", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "frontdesk-links-"));
    try {
      mkdirSync(path.join(dir, "copy", "lib"), { recursive: true });
      writeFileSync(path.join(dir, "copy", "lib", "libx.so.1.2"), "");
      symlinkSync("libx.so.1.2", path.join(dir, "copy", "lib", "libx.so.1"));
      expect(selfContained(path.join(dir, "copy"))).toBe(true);
      writeFileSync(path.join(dir, "elsewhere.so"), "");
      symlinkSync(path.join(dir, "elsewhere.so"), path.join(dir, "copy", "lib", "liby.so"));
      expect(selfContained(path.join(dir, "copy"))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
