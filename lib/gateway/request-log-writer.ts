/**
 * Request-log rows are written off the response path: `push` only enqueues. A timer writes
 * batches; when the database is down, rows stay queued and are retried with backoff until it
 * returns. The queue is bounded by rows (`maxQueue`) and by bytes (`maxQueueBytes`, each row
 * counted by `sizeOf`, an estimate): past either, the oldest waiting rows are dropped and counted —
 * visible in `stats()` (and /api/health), never silent. A row larger than the whole byte bound is
 * dropped itself. Rows of a batch being written are never the ones dropped. `close` flushes what it can.
 *
 * Under a backlog (more than two batches waiting) up to `maxInFlight` (3) batches are written at once
 * (Postgres inserts them on separate connections, its cores busy while the gateway builds the
 * next), each up to `maxBatchSize` rows: a statement's fixed cost and its rollup upserts are
 * shared by more rows. A failed batch is retried, oldest first, once every batch in flight is back.
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
  /** A batch's size when more than two batches wait (default 4 × batchSize). */
  maxBatchSize?: number;
  /** Batches written at once under a backlog (default 3). */
  maxInFlight?: number;
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

type Batch<T> = { seq: number; rows: T[]; sizes: number[] };

export class RequestLogWriter<T> {
  /** Rows waiting (not in flight). */
  private queue: T[] = [];
  /** sizeOf of each waiting row, in step with `queue`. */
  private sizes: number[] = [];
  /** sizeOf of every row held: waiting, in flight, failed. */
  private queuedBytes = 0;
  private readonly flights = new Set<Promise<void>>();
  private flightRows = 0;
  /** Batches that failed, held until every flight is back, then put back at the head in order. */
  private failed: Batch<T>[] = [];
  private seq = 0;
  private timer: NodeJS.Timeout | null = null;
  private timerDueAt = 0;
  private backoffMs = 0;
  private retryAt = 0;
  private closed = false;
  private readonly counters = { written: 0, dropped: 0, failedFlushes: 0, lastError: null as string | null, lastFlushAt: null as number | null };
  private readonly opts: Required<Omit<WriterOptions<T>, "onError">> & Pick<WriterOptions<T>, "onError">;

  constructor(options: WriterOptions<T>) {
    const batchSize = options.batchSize ?? 500;
    this.opts = { maxQueue: 100_000, maxQueueBytes: Infinity, sizeOf: NO_SIZE, batchSize, maxBatchSize: 4 * batchSize, maxInFlight: 3, flushIntervalMs: FLUSH_INTERVAL_MS, maxBackoffMs: 10_000, ...options };
  }

  private held(): number {
    let failedRows = 0;
    for (const batch of this.failed) failedRows += batch.rows.length;
    return this.queue.length + this.flightRows + failedRows;
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
    if (this.queue.length + this.flightRows > this.opts.maxQueue || this.queuedBytes > this.opts.maxQueueBytes || this.failed.length) this.dropOldest();
    this.schedule(this.queue.length >= this.opts.batchSize ? 0 : this.opts.flushIntervalMs);
  }

  /** Back within both bounds: drops the oldest waiting rows, in one splice. */
  private dropOldest() {
    const { maxQueue, maxQueueBytes } = this.opts;
    const held = this.held();
    let n = 0;
    let bytes = 0;
    while (n < this.queue.length && (held - n > maxQueue || this.queuedBytes - bytes > maxQueueBytes)) bytes += this.sizes[n++]!;
    if (n === 0) return;
    this.queue.splice(0, n);
    this.sizes.splice(0, n);
    this.queuedBytes -= bytes;
    this.counters.dropped += n;
  }

  stats(): WriterStats {
    return { queued: this.held(), queuedBytes: this.queuedBytes, ...this.counters };
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
      // a second batch goes at once only while full batches wait behind the first
      do void this.flushOnce().then(() => this.queue.length && this.schedule(this.queue.length >= this.opts.batchSize ? 0 : this.opts.flushIntervalMs));
      while (this.queue.length >= 2 * this.opts.batchSize && this.flights.size < this.opts.maxInFlight && this.failed.length === 0);
    }, wait);
    this.timer.unref?.();
  }

  /** Writes one batch, when one more may be in flight (else resolves when a flight is back). Never throws. */
  flushOnce(): Promise<void> {
    const busy = this.flights.size >= this.opts.maxInFlight || (this.failed.length > 0 && this.flights.size > 0);
    if (busy || !this.queue.length) return this.flights.size ? Promise.race(this.flights) : Promise.resolve();
    const { batchSize, maxBatchSize } = this.opts;
    const n = Math.min(this.queue.length, this.queue.length > 2 * batchSize ? maxBatchSize : batchSize);
    const batch: Batch<T> = { seq: ++this.seq, rows: this.queue.splice(0, n), sizes: this.sizes.splice(0, n) };
    this.flightRows += n;
    const flight: Promise<void> = this.write(batch).finally(() => {
      this.flightRows -= n;
      this.flights.delete(flight);
      if (this.flights.size === 0 && this.failed.length) this.restoreFailed();
    });
    this.flights.add(flight);
    return flight;
  }

  private async write(batch: Batch<T>): Promise<void> {
    try {
      await this.opts.insert(batch.rows);
      for (const size of batch.sizes) this.queuedBytes -= size;
      this.counters.written += batch.rows.length;
      this.counters.lastFlushAt = Date.now();
      this.backoffMs = 0;
      this.retryAt = 0;
    } catch (error) {
      this.failed.push(batch);
      this.counters.failedFlushes++;
      this.counters.lastError = error instanceof Error ? error.message : String(error);
      this.backoffMs = Math.min(this.opts.maxBackoffMs, Math.max(250, this.backoffMs * 2));
      this.retryAt = Date.now() + this.backoffMs;
      this.opts.onError?.(error, this.stats());
    }
  }

  /** Failed batches back at the head of the queue, oldest first. */
  private restoreFailed() {
    const batches = this.failed.sort((a, b) => a.seq - b.seq);
    this.failed = [];
    this.queue.unshift(...batches.flatMap((b) => b.rows));
    this.sizes.unshift(...batches.flatMap((b) => b.sizes));
  }

  /** Stop accepting rows and write what is queued, retrying until `deadlineMs` passes. */
  async close(deadlineMs = 10_000): Promise<WriterStats> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const deadline = Date.now() + deadlineMs;
    while ((this.queue.length || this.flights.size) && Date.now() < deadline) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.flushOnce(), new Promise((r) => (timer = setTimeout(r, Math.max(0, deadline - Date.now()))))]);
      clearTimeout(timer);
      if (this.queue.length && !this.flights.size && this.retryAt > Date.now()) await new Promise((r) => setTimeout(r, Math.min(this.retryAt, deadline) - Date.now()));
    }
    // what is still waiting is lost (a batch still in flight at the deadline may yet land)
    const left = [...this.failed.flatMap((b) => b.sizes), ...this.sizes];
    if (left.length) {
      this.counters.dropped += left.length;
      for (const size of left) this.queuedBytes -= size;
      this.queue = [];
      this.sizes = [];
      this.failed = [];
    }
    return this.stats();
  }
}
