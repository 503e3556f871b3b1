import { describe, expect, it } from "vitest";
import { freshLoader } from "./fresh-loader";

/** A load whose answer the test gives: the version of "the database" when the load read it. */
function controlled() {
  let version = 0;
  const pending: Array<() => void> = [];
  let started = 0;
  const loadOnce = () => {
    started++;
    const read = version; // read at the start, as a query would
    return new Promise<number>((resolve) => pending.push(() => resolve(read)));
  };
  return { loadOnce, change: () => version++, finishNext: () => pending.shift()!(), started: () => started };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("freshLoader", () => {
  it("a call made while a load runs gets a load started after it, not the running one (which read before the change)", async () => {
    const c = controlled();
    const load = freshLoader(c.loadOnce);
    const first = load(); // reads version 0
    c.change(); // a change committed while that load runs (a new API key)
    const second = load(); // the notification's reload
    c.finishNext();
    expect(await first).toBe(0);
    await tick();
    expect(c.started()).toBe(2);
    c.finishNext();
    expect(await second).toBe(1); // sees the change
  });

  it("calls made during one load share the single load after it; at most one runs at a time", async () => {
    const c = controlled();
    const load = freshLoader(c.loadOnce);
    const first = load();
    const others = [load(), load(), load()];
    expect(c.started()).toBe(1);
    c.finishNext();
    await first;
    await tick();
    expect(c.started()).toBe(2);
    c.finishNext();
    expect(new Set(await Promise.all(others)).size).toBe(1);
    expect(c.started()).toBe(2);
    // idle again: a call starts a load at once
    const later = load();
    expect(c.started()).toBe(3);
    c.finishNext();
    await later;
  });

  it("a failed load does not stop the next one", async () => {
    let n = 0;
    const load = freshLoader(() => (++n === 1 ? Promise.reject(new Error("database away")) : Promise.resolve(n)));
    const first = load();
    const second = load();
    await expect(first).rejects.toThrow("database away");
    expect(await second).toBe(2);
  });
});
