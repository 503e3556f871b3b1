/**
 * The request log's worker thread (ThreadLogSink in request-log-sink.ts): a LocalLogSink fed by
 * the messages of the gateway's main thread. It reports its writer's numbers every
 * THREAD_REPORT_MS while they change and answers flush and close with them. Compiled beside the
 * gateway's bundle (scripts/lib/compile-gateway.mjs); connects to DATABASE_URL on its own pool.
 */
import { parentPort, workerData } from "node:worker_threads";
import { closePgPool } from "../db/pg-pool";
import { LocalLogSink, THREAD_REPORT_MS, type FromThread, type SinkOptions, type ToThread } from "./request-log-sink";

const port = parentPort!;
const send = (message: FromThread) => port.postMessage(message);

let received = 0;
const sink = new LocalLogSink({
  ...(workerData as Omit<SinkOptions, "onError">),
  onError: (error) => send({ error: error instanceof Error ? error.message : String(error) }),
});

let reported = "";
const report = (done?: number) => {
  const stats = sink.stats();
  const key = `${received} ${JSON.stringify(stats)}`;
  if (done === undefined && key === reported) return;
  reported = key;
  send({ stats, received, ...(done === undefined ? {} : { done }) });
};
setInterval(report, THREAD_REPORT_MS).unref();

port.on("message", async (message: ToThread) => {
  if ("rows" in message) {
    for (const row of message.rows) sink.push(row);
    received += message.rows.length;
  } else if ("flush" in message) {
    await sink.flush();
    report(message.flush);
  } else {
    await sink.close(message.deadlineMs);
    await closePgPool().catch(() => {});
    report(message.close);
  }
});
