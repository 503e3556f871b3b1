/**
 * Runs trainAndCompare in a child process: progress messages stream back; `signal` (a cancelled
 * job) kills the child at once; a child that dies without answering is an error.
 */
import { fork } from "node:child_process";
import path from "node:path";
import type { Progress, TrainJobInput, TrainJobOutput } from "./train-and-compare";

const ENTRY = path.join(import.meta.dirname, "train-child.ts");

export function trainInChild(input: TrainJobInput, onProgress: Progress, signal: AbortSignal): Promise<TrainJobOutput> {
  return new Promise((resolve, reject) => {
    const child = fork(ENTRY, [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"], serialization: "advanced" });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener("abort", onAbort);
      fn();
    };
    const onAbort = () => {
      child.kill("SIGKILL");
      finish(() => reject(new Error("cancelled")));
    };
    signal.addEventListener("abort", onAbort, { once: true });
    child.on("message", (m: { type: string; phase?: string; fraction?: number; output?: TrainJobOutput; message?: string }) => {
      if (m.type === "progress") onProgress(m.phase!, m.fraction!);
      else if (m.type === "done") finish(() => resolve(m.output!));
      else if (m.type === "error") finish(() => reject(new Error(m.message)));
    });
    child.once("exit", (code, sig) => finish(() => reject(new Error(`the training process exited (${sig ?? code}) before finishing`))));
    child.once("error", (error) => finish(() => reject(error)));
    child.send({ input });
  });
}
