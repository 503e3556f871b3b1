/**
 * Request-log rows are written off the response path: `push` only enqueues. A timer writes
 * batches; when the database is down, rows stay queued and are retried with backoff until it
 * returns. The queue is bounded by rows (`maxQueue`) and by bytes (`maxQueueBytes`, each row
 * counted by `sizeOf`, an estimate): past either, the oldest waiting rows are dropped and counted —
 * visible in `stats()` (and /api/health), never silent. A row larger than the whole byte bound is
 * dropped itself. Rows of the batch being written are never the ones dropped. `close` flushes what it can.
 */
export type WriterStats = {
  queued: number;
  queuedBytes: number;
  written: number;
  dropped: number;
  failedFlushes: number;
  lastError: string | null;
  lastFlushAt: number | null;
};

export type WriterOptions<T> = {
  insert: (rows: T[]) => Promise<unknown>;
  maxQueue?: number;
  /** Bound on the sum of `sizeOf` over queued rows. */
  maxQueueBytes?: number;
  /** A row's size in bytes, estimated (default 0: rows only bounded by count). */
  sizeOf?: (row: T) => number;
  batchSize?: number;
  flushIntervalMs?: number;
  maxBackoffMs?: number;
  onError?: (error: unknown, stats: WriterStats) => void;
};

/**
 * Small, frequent batches: each flush is one JSON.stringify on the event loop and one insert that
 * Postgres parses on the same cores, so a flush every 50 ms (≈ 20 rows at 450 req/s) blocks the
 * requests in flight for less time than one every 200 ms did; a full batch still goes at once.
 */
const FLUSH_INTERVAL_MS = 50;

const NO_SIZE = () => 0;

export class RequestLogWriter<T> {
  private queue: T[] = [];
  /** sizeOf of each queued row, in step with `queue`. */
  private sizes: number[] = [];
  private queuedBytes = 0;
  /** Rows at the head of the queue that the flush in flight is writing. */
  private inFlight = 0;
  private timer: NodeJS.Timeout | null = null;
  private timerDueAt = 0;
  private flushing: Promise<void> | null = null;
  private backoffMs = 0;
  private retryAt = 0;
  private closed = false;
  private readonly counters = { written: 0, dropped: 0, failedFlushes: 0, lastError: null as string | null, lastFlushAt: null as number | null };
  private readonly opts: Required<Omit<WriterOptions<T>, "onError">> & Pick<WriterOptions<T>, "onError">;

  constructor(options: WriterOptions<T>) {
    this.opts = { maxQueue: 100_000, maxQueueBytes: Infinity, sizeOf: NO_SIZE, batchSize: 500, flushIntervalMs: FLUSH_INTERVAL_MS, maxBackoffMs: 10_000, ...options };
  }

  push(row: T): void {
    const size = this.opts.sizeOf(row);
    if (this.closed || size > this.opts.maxQueueBytes) {
      this.counters.dropped++;
      return;
    }
    this.queue.push(row);
    this.sizes.push(size);
    this.queuedBytes += size;
    if (this.queue.length > this.opts.maxQueue || this.queuedBytes > this.opts.maxQueueBytes) this.dropOldest();
    this.schedule(this.queue.length >= this.opts.batchSize ? 0 : this.opts.flushIntervalMs);
  }

  /** Back within both bounds: drops the oldest rows not being written, in one splice. */
  private dropOldest() {
    const { maxQueue, maxQueueBytes } = this.opts;
    const from = this.inFlight;
    let n = 0;
    let bytes = 0;
    while (from + n < this.queue.length && (this.queue.length - n > maxQueue || this.queuedBytes - bytes > maxQueueBytes)) bytes += this.sizes[from + n++]!;
    if (n === 0) return;
    this.queue.splice(from, n);
    this.sizes.splice(from, n);
    this.queuedBytes -= bytes;
    this.counters.dropped += n;
  }

  stats(): WriterStats {
    return { queued: this.queue.length, queuedBytes: this.queuedBytes, ...this.counters };
  }

  /** Arms the flush timer, or brings it forward when a full batch should not wait. */
  private schedule(delayMs: number) {
    if (this.closed) return;
    const wait = Math.max(delayMs, this.retryAt - Date.now());
    if (this.timer) {
      if (Date.now() + wait >= this.timerDueAt) return;
      clearTimeout(this.timer);
    }
    this.timerDueAt = Date.now() + wait;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flushOnce().then(() => {
        if (this.queue.length) this.schedule(this.queue.length >= this.opts.batchSize ? 0 : this.opts.flushIntervalMs);
      });
    }, wait);
    this.timer.unref?.();
  }

  /** Writes one batch (if none is in flight). Never throws. */
  flushOnce(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (!this.queue.length) return Promise.resolve();
    const batch = this.queue.slice(0, this.opts.batchSize);
    this.inFlight = batch.length;
    this.flushing = (async () => {
      try {
        await this.opts.insert(batch);
        this.queue.splice(0, batch.length);
        for (const size of this.sizes.splice(0, batch.length)) this.queuedBytes -= size;
        this.counters.written += batch.length;
        this.counters.lastFlushAt = Date.now();
        this.backoffMs = 0;
        this.retryAt = 0;
      } catch (error) {
        this.counters.failedFlushes++;
        this.counters.lastError = error instanceof Error ? error.message : String(error);
        this.backoffMs = Math.min(this.opts.maxBackoffMs, Math.max(250, this.backoffMs * 2));
        this.retryAt = Date.now() + this.backoffMs;
        this.opts.onError?.(error, this.stats());
      } finally {
        this.inFlight = 0;
        this.flushing = null;
      }
    })();
    return this.flushing;
  }

  /** Stop accepting rows and write what is queued, retrying until `deadlineMs` passes. */
  async close(deadlineMs = 10_000): Promise<WriterStats> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const deadline = Date.now() + deadlineMs;
    while (this.queue.length && Date.now() < deadline) {
      await this.flushOnce();
      if (this.queue.length && this.retryAt > Date.now()) await new Promise((r) => setTimeout(r, Math.min(this.retryAt, deadline) - Date.now()));
    }
    if (this.queue.length) {
      this.counters.dropped += this.queue.length;
      this.queue = [];
      this.sizes = [];
      this.queuedBytes = 0;
    }
    return this.stats();
  }
}
