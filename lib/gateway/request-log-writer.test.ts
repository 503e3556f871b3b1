import { afterEach, describe, expect, it, vi } from "vitest";
import { RequestLogWriter } from "./request-log-writer";

afterEach(() => vi.useRealTimers());

function fakeDb() {
  const rows: number[] = [];
  let isDown = false;
  return {
    rows,
    setDown: (down: boolean) => (isDown = down),
    insert: async (batch: number[]) => {
      if (isDown) throw new Error("connection refused");
      rows.push(...batch);
    },
  };
}

describe("RequestLogWriter", () => {
  it("writes pushed rows in batches after the flush interval", async () => {
    vi.useFakeTimers();
    const store = fakeDb();
    const writer = new RequestLogWriter<number>({ insert: store.insert, batchSize: 3, flushIntervalMs: 100 });
    writer.push(1);
    writer.push(2);
    expect(store.rows).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    expect(store.rows).toEqual([1, 2]);
    for (const n of [3, 4, 5, 6]) writer.push(n);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.rows).toEqual([1, 2, 3, 4, 5]);
    await vi.advanceTimersByTimeAsync(100);
    expect(store.rows).toEqual([1, 2, 3, 4, 5, 6]);
    expect(writer.stats()).toMatchObject({ queued: 0, written: 6, dropped: 0 });
  });

  it("keeps rows through a database outage and writes them, in order, when it returns", async () => {
    vi.useFakeTimers();
    const store = fakeDb();
    const writer = new RequestLogWriter<number>({ insert: store.insert, batchSize: 10, flushIntervalMs: 50, maxBackoffMs: 1000 });
    store.setDown(true);
    for (let i = 0; i < 25; i++) writer.push(i);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(store.rows).toEqual([]);
    expect(writer.stats().queued).toBe(25);
    expect(writer.stats().failedFlushes).toBeGreaterThan(2);
    expect(writer.stats().lastError).toBe("connection refused");
    store.setDown(false);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(store.rows).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(writer.stats()).toMatchObject({ queued: 0, written: 25, dropped: 0 });
  });

  it("drops the oldest rows past the bound and counts them", async () => {
    const store = fakeDb();
    store.setDown(true);
    const writer = new RequestLogWriter<number>({ insert: store.insert, maxQueue: 5, flushIntervalMs: 10_000 });
    for (let i = 0; i < 8; i++) writer.push(i);
    expect(writer.stats()).toMatchObject({ queued: 5, dropped: 3 });
    store.setDown(false);
    await writer.close(1000);
    expect(store.rows).toEqual([3, 4, 5, 6, 7]);
  });

  it("drops the oldest rows past the byte bound too, counted by each row's estimated size", async () => {
    const store = fakeDb();
    store.setDown(true);
    // rows are numbers here: each one's "size" is its value
    const writer = new RequestLogWriter<number>({ insert: store.insert, maxQueue: 1000, maxQueueBytes: 100, sizeOf: (n) => n, flushIntervalMs: 10_000 });
    for (const n of [30, 30, 30]) writer.push(n);
    expect(writer.stats()).toMatchObject({ queued: 3, queuedBytes: 90, dropped: 0 });
    writer.push(40); // 130 > 100: the oldest goes
    expect(writer.stats()).toMatchObject({ queued: 3, queuedBytes: 100, dropped: 1 });
    writer.push(500); // larger than the whole bound: that row goes, the others stay
    expect(writer.stats()).toMatchObject({ queued: 3, queuedBytes: 100, dropped: 2 });
    store.setDown(false);
    await writer.close(1000);
    expect(store.rows).toEqual([30, 30, 40]);
    expect(writer.stats()).toMatchObject({ queued: 0, queuedBytes: 0, written: 3, dropped: 2 });
  });

  it("never drops the rows of a batch being written: overflow during a flush drops the oldest waiting rows", async () => {
    const written: number[] = [];
    let release!: () => void;
    const insert = async (batch: number[]) => {
      await new Promise<void>((resolve) => (release = resolve));
      written.push(...batch);
    };
    const writer = new RequestLogWriter<number>({ insert, maxQueue: 4, sizeOf: (n) => n, batchSize: 2, flushIntervalMs: 10_000 });
    for (const n of [1, 2, 3, 4]) writer.push(n);
    const flushing = writer.flushOnce(); // [1, 2] in flight
    for (const n of [5, 6]) writer.push(n); // 6 queued > 4: two must go, and not 1 or 2
    expect(writer.stats()).toMatchObject({ queued: 4, queuedBytes: 1 + 2 + 5 + 6, dropped: 2 });
    release();
    await flushing;
    expect(writer.stats()).toMatchObject({ queued: 2, queuedBytes: 5 + 6, written: 2 });
    const rest = writer.close(1000);
    await new Promise((r) => setTimeout(r, 0));
    release();
    await rest;
    expect(written).toEqual([1, 2, 5, 6]);
    expect(writer.stats()).toMatchObject({ written: 4, dropped: 2, queued: 0 });
  });

  it("flushes everything on close and counts what could not be written by the deadline", async () => {
    const store = fakeDb();
    const writer = new RequestLogWriter<number>({ insert: store.insert, batchSize: 2, flushIntervalMs: 10_000 });
    for (let i = 0; i < 5; i++) writer.push(i);
    const stats = await writer.close(1000);
    expect(store.rows).toEqual([0, 1, 2, 3, 4]);
    expect(stats).toMatchObject({ written: 5, dropped: 0, queued: 0 });
    writer.push(99);
    expect(writer.stats().dropped).toBe(1);

    const down = fakeDb();
    down.setDown(true);
    const stuck = new RequestLogWriter<number>({ insert: down.insert, flushIntervalMs: 10_000 });
    stuck.push(1);
    stuck.push(2);
    expect(await stuck.close(300)).toMatchObject({ dropped: 2, queued: 0, written: 0 });
  });

  it("under a backlog writes two larger batches at once, and after a failure retries the oldest rows first", async () => {
    vi.useFakeTimers();
    const written: number[] = [];
    const calls: number[][] = [];
    let isDown = true;
    const releases: Array<() => void> = [];
    const insert = async (batch: number[]) => {
      calls.push(batch);
      await new Promise<void>((resolve) => releases.push(resolve));
      if (isDown) throw new Error("connection refused");
      written.push(...batch);
    };
    const writer = new RequestLogWriter<number>({ insert, batchSize: 2, maxBatchSize: 3, flushIntervalMs: 50, maxBackoffMs: 100 });
    for (let i = 0; i < 9; i++) writer.push(i);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual([[0, 1, 2], [3, 4, 5]]); // two in flight, each of maxBatchSize
    expect(writer.stats().queued).toBe(9);
    releases.splice(0).forEach((release) => release()); // both fail
    await vi.advanceTimersByTimeAsync(0);
    expect(writer.stats()).toMatchObject({ queued: 9, failedFlushes: 2 });
    isDown = false;
    for (let t = 0; t < 20 && written.length < 9; t++) {
      await vi.advanceTimersByTimeAsync(100);
      releases.splice(0).forEach((release) => release());
      await vi.advanceTimersByTimeAsync(0);
    }
    expect(written).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(writer.stats()).toMatchObject({ queued: 0, written: 9, dropped: 0 });
  });
});
