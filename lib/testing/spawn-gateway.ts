/**
 * Separate gateway processes for integration tests: `npm run gateway` instances (as run for
 * scale-out) and the `frontdesk` CLI, each against a database of the test's choosing.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

export type GatewayProcess = { url: string; pid: number; output: () => string; stop(): Promise<number | null> };

/** `root`: the checkout to run (another build of Frontdesk, for side-by-side benches); default this one.
 *  Runs it as `npm run gateway` does: the compiled bundle (scripts/gateway.mjs), or, in an older
 *  checkout without one, scripts/gateway.ts through tsx. */
export function spawnGateway(databaseUrl: string, extraEnv: Record<string, string> = {}, nodeArgs: string[] = [], root = ROOT): Promise<GatewayProcess> {
  const entry = existsSync(path.join(root, "scripts/gateway.mjs")) ? ["scripts/gateway.mjs"] : ["--import", "tsx", "scripts/gateway.ts"];
  const child = spawn(process.execPath, [...nodeArgs, ...entry], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: "0", HOST: "127.0.0.1", ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /ready on port (\d+)/.exec(output)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve({ url: `http://127.0.0.1:${port}`, pid: child.pid!, output: () => output, stop: () => stopChild(child) });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`gateway exited with ${code}:\n${output}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.kill("SIGTERM");
  });
}

/** Runs `frontdesk <args>`; resolves with stdout, rejects with stderr on a non-zero exit. */
export function runCli(args: string[], databaseUrl: string): Promise<string> {
  const child = spawn(process.execPath, ["bin/frontdesk.mjs", ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c));
  child.stderr.on("data", (c: Buffer) => (stderr += c));
  return new Promise((resolve, reject) => child.once("exit", (code) => (code === 0 ? resolve(stdout) : reject(new Error(`frontdesk ${args.join(" ")} exited ${code}: ${stderr}`)))));
}
