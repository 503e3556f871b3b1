/**
 * The gateway as one compiled ES module (esbuild): our TypeScript sources bundled, packages left to
 * node_modules. Run this way instead of through tsx's loader, the code is the same but carries no
 * per-closure name helper (tsx compiles with esbuild's keepNames, a call each time a function is
 * created) and no inline source maps: ~7% more requests per second on the gateway bench
 * (bench/NOTES.md, 2026-12-07). Plain JavaScript, so `npm run gateway` needs no loader.
 *
 * The same build compiles the request log's worker thread (lib/gateway/request-log-thread.ts) into a
 * file of its own beside the bundle.
 *
 * The bundle lives in node_modules/.cache/frontdesk/ (one per checkout) and is rebuilt when any of its inputs changed
 * since it was written (mtimes of the files esbuild read, listed beside it); a build takes ~1 s.
 * `import.meta.url` / `dirname` / `filename` in our sources are replaced by each file's own path,
 * so code that finds files next to itself (migrations, the Prisma client) works from the bundle.
 */
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = path.resolve(import.meta.dirname, "../..");
const ENTRY = "scripts/gateway.ts";

/** The request log's worker thread (lib/gateway/request-log-sink.ts), compiled in the same build. */
const THREAD_ENTRY = "lib/gateway/request-log-thread.ts";

/** One bundle per checkout: worktrees may share one node_modules (a symlink), never a bundle. */
export function bundlePath(root = ROOT) {
  return outputPath(root, "gateway");
}

/** The request-log thread's file, beside the bundle (the gateway is told it by scripts/gateway.mjs). */
export function threadPath(root = ROOT) {
  return outputPath(root, "request-log-thread");
}

function outputPath(root, name) {
  const checkout = createHash("sha256").update(root).digest("hex").slice(0, 12);
  return path.join(root, "node_modules", ".cache", "frontdesk", `${name}-${checkout}.mjs`);
}

const inputsPath = (root) => `${bundlePath(root)}.inputs.json`;

/** True when the bundle exists and none of the files it was built from changed since. */
export function bundleUpToDate(root = ROOT) {
  try {
    const builtAt = Math.min(statSync(bundlePath(root)).mtimeMs, statSync(threadPath(root)).mtimeMs);
    const inputs = JSON.parse(readFileSync(inputsPath(root), "utf8"));
    return inputs.every((file) => statSync(path.join(root, file)).mtimeMs <= builtAt);
  } catch {
    return false;
  }
}

const LOADERS = { ".ts": "ts", ".mts": "ts", ".cts": "ts", ".tsx": "tsx", ".js": "js", ".mjs": "js", ".cjs": "js", ".jsx": "jsx" };

/** Replaces import.meta path lookups in our own sources by the source file's path. */
const importMetaPaths = {
  name: "import-meta-paths",
  setup(b) {
    b.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = await readFile(args.path, "utf8");
      if (!source.includes("import.meta")) return undefined;
      const contents = source
        .replaceAll("import.meta.dirname", JSON.stringify(path.dirname(args.path)))
        .replaceAll("import.meta.filename", JSON.stringify(args.path))
        .replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href));
      return { contents, loader: LOADERS[path.extname(args.path)] ?? "ts" };
    });
  },
};

/** The bundle's path, (re)built first when needed. Concurrent callers may both build: each writes its own file and renames it in place. */
export async function compiledGateway(root = ROOT) {
  const out = bundlePath(root);
  if (bundleUpToDate(root)) return out;
  mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp.mjs`;
  const thread = threadPath(root);
  const threadTmp = `${thread}.${process.pid}.tmp.mjs`;
  const result = await build({
    absWorkingDir: root,
    entryPoints: { [path.basename(tmp, ".mjs")]: ENTRY, [path.basename(threadTmp, ".mjs")]: THREAD_ENTRY },
    outdir: path.dirname(out),
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: `node${process.versions.node.split(".")[0]}`,
    packages: "external",
    sourcemap: "linked",
    metafile: true,
    logLevel: "error",
    plugins: [importMetaPaths],
    // CommonJS-style require() inside the bundle (esbuild's shim throws in ES modules without it)
    banner: { js: 'import { createRequire as __frontdeskRequire } from "node:module"; const require = __frontdeskRequire(import.meta.url);' },
  });
  const inputs = [...Object.keys(result.metafile.inputs), "scripts/lib/compile-gateway.mjs"].filter((file) => existsSync(path.join(root, file)));
  writeFileSync(`${tmp}.inputs.json`, JSON.stringify(inputs));
  // the map's name inside each file is the temporary one: rename it too; the thread first, the bundle last
  for (const [from, to] of [[threadTmp, thread], [tmp, out]]) {
    const code = readFileSync(from, "utf8").replace(/\/\/# sourceMappingURL=.*$/m, `//# sourceMappingURL=${path.basename(to)}.map`);
    writeFileSync(from, code);
    renameSync(`${from}.map`, `${to}.map`);
    if (to === out) renameSync(`${tmp}.inputs.json`, inputsPath(root));
    renameSync(from, to);
  }
  return out;
}
