/**
 * Another build of Frontdesk beside this one, for side-by-side benches: a detached git worktree
 * of `rev` in the temp folder, sharing this checkout's node_modules and generated Prisma client.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

export type Checkout = { root: string; rev: string; remove(): void };

export function checkoutBuild(rev: string): Checkout {
  const sha = execFileSync("git", ["rev-parse", "--short", rev], { cwd: ROOT, encoding: "utf8" }).trim();
  const root = path.join(mkdtempSync(path.join(os.tmpdir(), "frontdesk-build-")), sha);
  execFileSync("git", ["worktree", "add", "--detach", "--quiet", root, sha], { cwd: ROOT });
  symlinkSync(path.join(ROOT, "node_modules"), path.join(root, "node_modules"), "dir");
  cpSync(path.join(ROOT, "lib/db/generated"), path.join(root, "lib/db/generated"), { recursive: true });
  return {
    root,
    rev: sha,
    remove() {
      execFileSync("git", ["worktree", "remove", "--force", root], { cwd: ROOT });
      rmSync(path.dirname(root), { recursive: true, force: true });
    },
  };
}
