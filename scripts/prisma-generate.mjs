// Generates the Prisma client into lib/db/generated (runs after `npm install`).
// `prisma generate` does not use Prisma's native schema engine, but the CLI tries to download it
// first; on machines without internet that download fails. Pointing PRISMA_SCHEMA_ENGINE_BINARY
// at any existing file skips it (see ARCHITECTURE.md, "Offline toolchain").
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const cli = path.join(path.dirname(require.resolve("prisma/package.json")), "build", "index.js");
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
const result = spawnSync(process.execPath, [cli, "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
