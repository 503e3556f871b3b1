import { describe, expect, it } from "vitest";
import type { QueueItem } from "@/lib/labeling/queue-item";
import { avoidedGroupKeys, excludedIds, initialQueueState, needsMore, queueReducer, type QueueAction, type QueueState } from "./labeling-queue-reducer";

const item = (id: string) => ({ id }) as QueueItem;
const run = (actions: QueueAction[], from: QueueState = initialQueueState) => actions.reduce(queueReducer, from);

describe("queueReducer", () => {
  it("prefetches up to two items and stops when the server has nothing more", () => {
    let s = run([{ type: "fetched", item: item("a") }]);
    expect(needsMore(s)).toBe(true);
    s = run([{ type: "fetched", item: item("b") }], s);
    expect(s.items.map((i) => i.id)).toEqual(["a", "b"]);
    expect(needsMore(s)).toBe(false);
    s = run([{ type: "labeled", key: "k", item: item("a") }, { type: "fetched", item: null }], s);
    expect(s.exhausted).toBe(true);
    expect(needsMore(s)).toBe(false);
  });

  it("moves to the next item at once on a verdict, and puts it back when saving fails", () => {
    let s = run([{ type: "fetched", item: item("a") }, { type: "fetched", item: item("b") }, { type: "labeled", key: "k1", item: item("a") }]);
    expect(s.items.map((i) => i.id)).toEqual(["b"]);
    expect(s.history).toEqual([{ key: "k1", item: item("a"), labelId: null, pending: true, alsoIds: [] }]);
    expect(excludedIds(s)).toEqual(["b", "a"]); // the label is in flight: the server must not hand "a" back
    s = run([{ type: "labelFailed", key: "k1", restore: true, text: "Could not save" }], s);
    expect(s.items.map((i) => i.id)).toEqual(["a", "b"]);
    expect(s.history).toEqual([]);
    expect(s.message).toEqual({ tone: "error", text: "Could not save" });
    s = run([{ type: "labeled", key: "k2", item: item("a") }, { type: "labelFailed", key: "k2", restore: false, text: "taken" }], s);
    expect(s.items.map((i) => i.id)).toEqual(["b"]);
  });

  it("keeps saved labels for undo, and an undone item comes back on screen first", () => {
    let s = run([{ type: "fetched", item: item("a") }, { type: "fetched", item: item("b") }, { type: "labeled", key: "k1", item: item("a") }, { type: "labelSaved", key: "k1", labelId: "L1" }]);
    expect(s.history[0]).toMatchObject({ labelId: "L1", pending: false });
    s = run([{ type: "undone", key: "k1", item: item("a"), text: "Undone" }], s);
    expect(s.items.map((i) => i.id)).toEqual(["a", "b"]);
    expect(s.history).toEqual([]);
  });

  it("excludes skipped items from later fetches, and an undone one is no longer excluded", () => {
    let s = run([{ type: "fetched", item: item("a") }, { type: "fetched", item: item("b") }, { type: "skipped", item: item("a") }]);
    expect(excludedIds(s)).toEqual(["b", "a"]);
    expect(needsMore(s)).toBe(true);
    s = run([{ type: "fetched", item: item("b") }], s);
    expect(s.items.map((i) => i.id)).toEqual(["b"]);
    s = run([{ type: "undone", key: null, item: item("a"), text: "back" }], s);
    expect(s.items.map((i) => i.id)).toEqual(["a", "b"]);
    expect(s.skipped).toEqual([]);
  });

  it("shows a load error only when nothing is on screen, and pauses fetching until a retry", () => {
    let s = run([{ type: "fetchFailed", error: "down" }]);
    expect(s.loadError).toBe("down");
    expect(needsMore(s)).toBe(false);
    s = run([{ type: "retry" }], s);
    expect(needsMore(s)).toBe(true);
    s = run([{ type: "fetched", item: item("a") }, { type: "fetchFailed", error: "down" }], s);
    expect(s.loadError).toBeNull();
    expect(s.message?.tone).toBe("error");
  });

  it("applies a label to identical requests: they leave the screen, stay excluded, and the next item avoids their prompt", () => {
    const grouped = (id: string, groupKey: string) => ({ id, groupKey }) as QueueItem;
    let s = run([{ type: "fetched", item: grouped("a", "g1") }, { type: "fetched", item: grouped("b", "g2") }]);
    expect(avoidedGroupKeys(s)).toEqual(["g1", "g2"]);
    s = run([{ type: "labeled", key: "k", item: grouped("a", "g1"), alsoIds: ["a2", "b"] }], s);
    expect(s.items).toEqual([]);
    expect(excludedIds(s)).toEqual(["a", "a2", "b"]);
    expect(avoidedGroupKeys(s)).toEqual(["g1"]);
    s = run([{ type: "fetched", item: grouped("c", "g3") }, { type: "skipped", item: grouped("c", "g3") }], s);
    expect(avoidedGroupKeys(s)).toEqual(["g3"]);
  });
});
