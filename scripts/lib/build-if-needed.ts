/**
 * `npm start` builds the console when there is no build, or when the sources changed since the
 * last one (a content hash of everything the build reads is kept next to it).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const INPUT_DIRS = ["app", "components", "lib", "public"];
const INPUT_FILES = ["next.config.ts", "proxy.ts", "postcss.config.mjs", "tsconfig.json", "package.json", "package-lock.json", "prisma/schema.prisma"];
const SKIP = /(\.test\.tsx?$|\/node_modules\/|\/generated\/)/;

function* walk(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (!SKIP.test(full)) yield full;
  }
}

export function sourceHash(root: string): string {
  const hash = createHash("sha256");
  const files = [...INPUT_DIRS.flatMap((d) => [...walk(path.join(root, d))]), ...INPUT_FILES.map((f) => path.join(root, f))]
    .filter((f) => existsSync(f) && statSync(f).isFile())
    .sort();
  for (const file of files) hash.update(path.relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
  return hash.digest("hex");
}

/** Records that the build in .next is of the sources as they are now (after a `next build` run elsewhere, e.g. `npm test`'s build step). */
export function writeSourceStamp(root: string): void {
  writeFileSync(path.join(root, ".next", "frontdesk-source-hash"), sourceHash(root));
}

export async function buildIfNeeded(root: string, log: (line: string) => void, onChild?: (child: ChildProcess) => void): Promise<void> {
  const stamp = path.join(root, ".next", "frontdesk-source-hash");
  const current = sourceHash(root);
  const hasBuild = existsSync(path.join(root, ".next", "BUILD_ID"));
  if (hasBuild && existsSync(stamp) && readFileSync(stamp, "utf8") === current) return;
  log(hasBuild ? "sources changed since the last build: rebuilding the console…" : "building the console (first start, takes a minute or two)…");
  const nextBin = path.join(path.dirname(createRequire(import.meta.url).resolve("next/package.json")), "dist", "bin", "next");
  const child = spawn(process.execPath, [nextBin, "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  onChild?.(child);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error("next build failed (see the output above).");
  writeFileSync(stamp, current);
}
