/**
 * A throwaway redis-server for tests that stop Redis under load (the machine's own Redis at
 * 127.0.0.1:6379 serves other test files): no persistence, on a free port, killable and
 * restartable on the same port.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "../db/embedded-postgres";

export type RedisProcess = { url: string; port: number; kill(): Promise<void>; restart(): Promise<void>; stop(): Promise<void> };

function start(port: number): Promise<ChildProcess> {
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });
}

function killChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}

export async function spawnRedis(): Promise<RedisProcess> {
  const port = await freePort();
  let child: ChildProcess | null = await start(port);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    /** SIGKILL: Redis vanishes as in a crash (its data with it: no persistence). */
    async kill() {
      if (child) await killChild(child, "SIGKILL");
      child = null;
    },
    async restart() {
      child ??= await start(port);
    },
    async stop() {
      if (child) await killChild(child, "SIGTERM");
      child = null;
    },
  };
}
