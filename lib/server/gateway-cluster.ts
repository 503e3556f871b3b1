/**
 * `npm run gateway` with GATEWAY_WORKERS > 1: a primary process that forks that many workers
 * (node:cluster), each a whole gateway (its own runtime, config snapshot, request-log writer,
 * metrics) sharing one listening port — the primary hands connections out round-robin.
 *
 * - Ready: the primary prints `ready on port N (K workers)` once every worker listens.
 * - A worker that exits after it was listening is replaced at once; one that dies again within
 *   FAST_CRASH_MS of its start waits 0.25 s, 0.5 s, … up to 30 s (no crash loop eating the CPU).
 *   A worker that exits before it ever listened (no database, a bad setting) stops the primary
 *   with its exit code, as a single process would stop.
 * - SIGTERM / SIGINT: forwarded to every worker, each drains its connections and flushes its
 *   request log (the single-process stop); the primary exits when all are gone (SIGKILL after
 *   STOP_DEADLINE_MS).
 * - GET /metrics, whichever worker takes it, answers for the whole instance: the worker asks the
 *   primary, which collects every worker's registry (prom-client's AggregatorRegistry: counters,
 *   histograms and the log queue summed; a breaker's state the most open worker's; job counts and
 *   classifier versions, read from Postgres, taken once).
 * Without REDIS_URL every worker keeps its own rate limits, pins and breakers, like separate
 * instances (README: Running many instances).
 */
import cluster, { type Worker } from "node:cluster";
import os from "node:os";
import { AggregatorRegistry, type Registry } from "prom-client";

const FAST_CRASH_MS = 5_000;
const MAX_BACKOFF_MS = 30_000;
const STOP_DEADLINE_MS = 20_000;

/** GATEWAY_WORKERS as a count: `auto` = the cores this process may use. */
export function workerCount(setting: number | "auto"): number {
  return setting === "auto" ? os.availableParallelism() : setting;
}

/** Runs the primary: forks `workers`, restarts crashed ones, stops them on SIGTERM. Never returns normally. */
export function runClusterPrimary(workers: number, log: (line: string) => void): void {
  const startedAt = new Map<Worker, number>();
  const listening = new Set<Worker>();
  let backoffMs = 0;
  let stopping = false;
  let announced = false;

  const fork = () => startedAt.set(cluster.fork(), Date.now());

  cluster.on("listening", (worker, address) => {
    listening.add(worker);
    if (!announced && listening.size === workers) {
      announced = true;
      log(`ready on port ${address.port} (${workers} workers)`);
    }
  });

  cluster.on("exit", (worker, code, signal) => {
    const wasListening = listening.delete(worker);
    const lived = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping) {
      if (startedAt.size === 0) process.exit();
      return;
    }
    if (!wasListening) {
      log(`worker ${worker.process.pid} exited before it was ready (${signal ?? `code ${code}`}): stopping`);
      stopAll();
      process.exitCode = code || 1;
      return;
    }
    backoffMs = lived < FAST_CRASH_MS ? Math.min(MAX_BACKOFF_MS, Math.max(250, backoffMs * 2)) : 0;
    log(`worker ${worker.process.pid} exited (${signal ?? `code ${code}`}): starting another${backoffMs ? ` in ${backoffMs} ms` : ""}`);
    if (backoffMs) setTimeout(() => !stopping && fork(), backoffMs);
    else fork();
  });

  const stopAll = () => {
    stopping = true;
    if (startedAt.size === 0) process.exit();
    for (const worker of startedAt.keys()) worker.process.kill("SIGTERM");
    setTimeout(() => {
      for (const worker of startedAt.keys()) worker.process.kill("SIGKILL");
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
  };

  const onSignal = (signal: string) => {
    if (stopping) return;
    log(`${signal}: stopping ${startedAt.size} workers`);
    stopAll();
  };
  process.once("SIGINT", () => onSignal("SIGINT"));
  process.once("SIGTERM", () => onSignal("SIGTERM"));

  const aggregator = new AggregatorRegistry();
  cluster.on("message", (worker, message: { type?: string; id?: number }) => {
    if (message?.type !== METRICS_REQUEST) return;
    aggregator.clusterMetrics().then(
      (text) => worker.isConnected() && worker.send({ type: METRICS_ANSWER, id: message.id, text }),
      (error: Error) => worker.isConnected() && worker.send({ type: METRICS_ANSWER, id: message.id, error: error.message }),
    );
  });

  for (let i = 0; i < workers; i++) fork();
}

const METRICS_REQUEST = "frontdesk:metrics";
const METRICS_ANSWER = "frontdesk:metrics-answer";
const pending = new Map<number, { resolve: (text: string) => void; reject: (error: Error) => void }>();
let nextId = 0;

/** In a worker: answers the primary's collection requests with `registry`, and reads the instance's metrics through the primary. */
export function joinClusterMetrics(registry: Registry): void {
  AggregatorRegistry.setRegistries([registry]);
  new AggregatorRegistry(); // adds the worker's listener for the primary's requests
  process.on("message", (message: { type?: string; id?: number; text?: string; error?: string }) => {
    if (message?.type !== METRICS_ANSWER) return;
    const waiting = pending.get(message.id!);
    pending.delete(message.id!);
    if (message.error !== undefined) waiting?.reject(new Error(message.error));
    else waiting?.resolve(message.text ?? "");
  });
}

/** The metrics of every worker of this instance (in a cluster worker that joined), else null. */
export function clusterMetrics(): Promise<string> | null {
  if (!cluster.isWorker || !process.send) return null;
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    process.send!({ type: METRICS_REQUEST, id });
  });
}
