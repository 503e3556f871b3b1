// Runs an upstream test server in its own process, so benchmarks measure the gateway, not the
// upstream competing for the same event loop. Options must be JSON (no reply functions).
import { fork } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AnthropicUpstreamOptions } from "./anthropic-upstream";
import type { OpenAiUpstreamOptions } from "./openai-upstream";

export interface SpawnedUpstream {
  url: string;
  port: number;
  pid: number;
  setDefaultBehavior(spec: string | undefined): void;
  close(): Promise<void>;
}

const ENTRY = path.join(path.dirname(fileURLToPath(import.meta.url)), "upstream-process.ts");

export function spawnUpstream(
  kind: "openai" | "anthropic",
  options: Omit<OpenAiUpstreamOptions, "reply"> & { reply?: string } | AnthropicUpstreamOptions = {},
  startTimeoutMs = 15_000,
): Promise<SpawnedUpstream> {
  const child = fork(ENTRY, [kind, JSON.stringify({ record: false, ...options })], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`upstream process did not start within ${startTimeoutMs} ms`));
    }, startTimeoutMs);
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`upstream process exited with ${code}`)));
    child.once("message", (message: { port: number; url: string }) => {
      clearTimeout(timer);
      child.removeAllListeners("exit");
      resolve({
        ...message,
        pid: child.pid!,
        setDefaultBehavior: (spec) => void child.send({ type: "behavior", spec }),
        close: () => new Promise<void>((done) => {
          if (child.exitCode !== null) return done();
          child.once("exit", () => done());
          child.disconnect();
        }),
      });
    });
  });
}
