/**
 * Child-process entry for the CPU-heavy part of retraining, so the worker's event loop (heartbeats,
 * cancellation, and in `npm start` the gateway itself) never blocks. Protocol over IPC:
 * parent → { input } ; child → { type: "progress", phase, fraction } … then { type: "done", output }
 * or { type: "error", message }.
 */
import { trainAndCompare, type TrainJobInput } from "./train-and-compare";

process.once("message", (message: { input: TrainJobInput }) => {
  let last = 0;
  try {
    const output = trainAndCompare(message.input, (phase, fraction) => {
      const now = Date.now();
      if (now - last < 250 && fraction < 1) return;
      last = now;
      process.send!({ type: "progress", phase, fraction });
    });
    process.send!({ type: "done", output }, () => process.exit(0));
  } catch (error) {
    process.send!({ type: "error", message: error instanceof Error ? error.message : String(error) }, () => process.exit(1));
  }
});
