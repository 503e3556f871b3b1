/**
 * Where the gateway's finished requests go: `push(row)` and nothing else on the response path.
 *
 * - LocalLogSink: in this thread — each row encoded at once as a COPY line and its part in the
 *   rollups (encodeLogEntry) and queued on a RequestLogWriter that writes batches to Postgres.
 * - ThreadLogSink: the same LocalLogSink run in a worker thread (request-log-thread.ts). The main
 *   thread only collects rows for 20 ms and posts them as one message (a structured clone, about
 *   half the cost of encoding a row); the encoding, the batches and the Postgres client's I/O run
 *   beside the requests instead of between them. Side by side with the log in the main thread:
 *   −0.76 ms of mean latency at 10 connections / 20 ms upstream, +5% requests per second at
 *   saturation (bench/NOTES.md, 2026-12-07, late). `npm run gateway` uses it (the launcher names
 *   the compiled thread's file); REQUEST_LOG_THREAD=false turns it off.
 *
 * A row must not be changed after push: the thread's copy is taken up to 20 ms later.
 */
import { Worker } from "node:worker_threads";
import { encodeLogEntry, insertRequestLogEntries, type LogEntry, type RequestLogInsert } from "../db/request-log-repo";
import { RequestLogWriter, type WriterOptions, type WriterStats } from "./request-log-writer";

export interface RequestLogSink {
  /** Where rows are encoded and written now: a worker thread, or this (main) thread. */
  readonly writtenBy: "thread" | "main-thread";
  push(row: RequestLogInsert): void;
  stats(): WriterStats;
  /** Resolves when what was pushed before the call has been written (or given up on: the database is down). */
  flush(): Promise<void>;
  /** Stops accepting rows and writes what is queued, retrying until `deadlineMs` passes. */
  close(deadlineMs?: number): Promise<WriterStats>;
}

/** The bounds and error report of a sink's writer (the rest of WriterOptions keep their defaults). */
export type SinkOptions = Pick<WriterOptions<LogEntry>, "maxQueue" | "maxQueueBytes" | "onError">;

/** A queued entry's memory: its line's bytes (outside the JS heap), the Buffer object's share of the heap, and its rollup facts (~400 bytes). */
export function entryBytes(entry: LogEntry): number {
  return entry.line.length + 96 + 400;
}

export class LocalLogSink implements RequestLogSink {
  readonly writtenBy = "main-thread";
  readonly writer: RequestLogWriter<LogEntry>;

  constructor(options: SinkOptions, insert: (entries: LogEntry[]) => Promise<unknown> = insertRequestLogEntries) {
    this.writer = new RequestLogWriter<LogEntry>({ insert, sizeOf: entryBytes, ...options });
  }

  push(row: RequestLogInsert): void {
    this.writer.push(encodeLogEntry(row, new Date()));
  }

  stats(): WriterStats {
    return this.writer.stats();
  }

  async flush(): Promise<void> {
    // a batch that fails is retried after its backoff: give up after ~5 s (the database is down)
    for (let i = 0; i < 200 && this.writer.stats().queued > 0; i++) {
      await this.writer.flushOnce();
      if (this.writer.stats().queued) await new Promise((r) => setTimeout(r, 25));
    }
  }

  close(deadlineMs?: number): Promise<WriterStats> {
    return this.writer.close(deadlineMs);
  }
}

/** Messages between ThreadLogSink and its thread (request-log-thread.ts). */
export type ToThread = { rows: RequestLogInsert[] } | { flush: number } | { close: number; deadlineMs: number };
export type FromThread = { stats: WriterStats; received: number; done?: number } | { error: string };

/** How long rows wait to be posted together: ~9 rows a message at 450 requests a second, ~50 at 2,500 (the writer batches every 50 ms anyway). */
const POST_AFTER_MS = 20;
/** How often the thread reports its writer's numbers while they change. */
export const THREAD_REPORT_MS = 100;

const EMPTY: WriterStats = { queued: 0, queuedBytes: 0, written: 0, dropped: 0, failedFlushes: 0, lastError: null, lastFlushAt: null };

export class ThreadLogSink implements RequestLogSink {
  private readonly worker: Worker;
  private pending: RequestLogInsert[] = [];
  private timer: NodeJS.Timeout | null = null;
  /** Rows posted to the thread, and the thread's last report (its writer's stats, rows it had received). */
  private posted = 0;
  private report: { stats: WriterStats; received: number } = { stats: EMPTY, received: 0 };
  /** Rows dropped on this side: pushed after close or past the bound on rows in transit, or lost with a thread that died. */
  private droppedHere = 0;
  private nextCall = 0;
  private readonly calls = new Map<number, (stats: WriterStats) => void>();
  /** Once the thread is gone unexpectedly: rows are written in this thread from then on. */
  private fallback: LocalLogSink | null = null;
  private closed = false;

  get writtenBy(): RequestLogSink["writtenBy"] {
    return this.fallback ? "main-thread" : "thread";
  }

  constructor(
    file: string,
    private readonly options: SinkOptions,
    private readonly logLine: (line: string) => void,
  ) {
    const { onError: _, ...bounds } = options;
    this.worker = new Worker(file, { workerData: bounds });
    this.worker.unref(); // a running gateway keeps the process alive, not its log thread
    this.worker.on("message", (message: FromThread) => {
      if ("error" in message) return this.options.onError?.(new Error(message.error), this.stats());
      this.report = message;
      if (message.done !== undefined) {
        this.calls.get(message.done)?.(message.stats);
        this.calls.delete(message.done);
      }
    });
    this.worker.on("error", (error) => this.logLine(`request log thread failed: ${error.message}`));
    this.worker.on("exit", (code) => {
      if (this.closed) return;
      // from now on rows are written here
      this.loseThread();
      this.logLine(`request log thread exited (code ${code}); writing the log in the main thread from now on`);
      this.fallback = new LocalLogSink(this.options);
      for (const row of this.pending) this.fallback.push(row);
      this.pending = [];
      for (const resolve of this.calls.values()) resolve(this.stats());
      this.calls.clear();
    });
  }

  /** The thread is gone: the rows it held (posted, neither written nor dropped by its last report) count as dropped. */
  private loseThread() {
    this.droppedHere += Math.max(0, this.posted - this.report.stats.written - this.report.stats.dropped);
    this.report = { stats: { ...this.report.stats, queued: 0, queuedBytes: 0 }, received: this.posted };
  }

  push(row: RequestLogInsert): void {
    if (this.fallback) return this.fallback.push(row);
    // rows the thread has not taken yet are bounded too (a thread starved of CPU): past maxQueue the newest are dropped
    if (this.closed || this.inTransit() >= (this.options.maxQueue ?? Infinity)) {
      this.droppedHere++;
      return;
    }
    if (this.pending.push(row) === 1) {
      this.timer = setTimeout(this.post, POST_AFTER_MS);
      this.timer.unref();
    }
  }

  private readonly post = () => {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.pending.length || this.fallback) return;
    const rows = this.pending;
    this.pending = [];
    this.posted += rows.length;
    this.worker.postMessage({ rows } satisfies ToThread);
  };

  /** Rows pushed that the thread had not received by its last report. */
  private inTransit(): number {
    return this.pending.length + this.posted - this.report.received;
  }

  stats(): WriterStats {
    const { stats } = this.report;
    const own = this.fallback?.stats();
    return {
      queued: stats.queued + this.inTransit() + (own?.queued ?? 0),
      queuedBytes: stats.queuedBytes + (own?.queuedBytes ?? 0),
      written: stats.written + (own?.written ?? 0),
      dropped: stats.dropped + this.droppedHere + (own?.dropped ?? 0),
      failedFlushes: stats.failedFlushes + (own?.failedFlushes ?? 0),
      lastError: own?.lastError ?? stats.lastError,
      lastFlushAt: Math.max(own?.lastFlushAt ?? 0, stats.lastFlushAt ?? 0) || null,
    };
  }

  /** Posts what is waiting and asks the thread; resolves with its stats once it has done it. */
  private call(message: (id: number) => ToThread): Promise<WriterStats> {
    this.post();
    if (this.fallback) return Promise.resolve(this.stats());
    const id = ++this.nextCall;
    return new Promise((resolve) => {
      this.calls.set(id, resolve);
      this.worker.postMessage(message(id));
    });
  }

  async flush(): Promise<void> {
    await this.call((id) => ({ flush: id }));
    await this.fallback?.flush();
  }

  async close(deadlineMs = 10_000): Promise<WriterStats> {
    if (this.fallback) {
      await this.fallback.close(deadlineMs);
      return this.stats();
    }
    const answered = this.call((id) => ({ close: id, deadlineMs }));
    this.closed = true;
    // a thread that does not answer (stuck in a write) is stopped a second after the deadline
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([answered, new Promise((r) => (timer = setTimeout(r, deadlineMs + 1000)))]);
    clearTimeout(timer);
    const unanswered = this.calls.size > 0;
    await this.worker.terminate();
    if (unanswered) this.loseThread();
    return this.stats();
  }
}
