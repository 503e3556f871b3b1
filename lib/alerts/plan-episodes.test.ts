import { describe, expect, it } from "vitest";
import type { EpisodeRow } from "../db/alert-episode-repo";
import { planEpisodes } from "./plan-episodes";

const NOW = Date.parse("2026-12-07T12:00:00Z");
const MIN = 60_000;
const cond = (key: string) => ({ key, kind: key.split(":")[0]!, title: key, message: `${key} is bad` });
const episode = (key: string, resolvedAgoMs: number | null, id = key): EpisodeRow => ({
  id,
  key,
  kind: key.split(":")[0]!,
  title: key,
  message: "",
  openedAt: new Date(NOW - 60 * MIN),
  resolvedAt: resolvedAgoMs === null ? null : new Date(NOW - resolvedAgoMs),
});

describe("planEpisodes", () => {
  it("opens an episode for a new condition, once even if listed twice", () => {
    const plan = planEpisodes([cond("breaker:a"), cond("breaker:a")], [], [], NOW, 15 * MIN);
    expect(plan.open.map((c) => c.key)).toEqual(["breaker:a"]);
    expect(plan).toMatchObject({ reopen: [], touch: [], resolve: [] });
  });

  it("keeps an open episode whose condition still holds, and resolves one whose condition cleared", () => {
    const plan = planEpisodes([cond("breaker:a")], [episode("breaker:a", null), episode("drift:tierPsi", null)], [], NOW, 15 * MIN);
    expect(plan.open).toEqual([]);
    expect(plan.touch).toEqual(["breaker:a"]);
    expect(plan.resolve.map((e) => e.key)).toEqual(["drift:tierPsi"]);
  });

  it("reopens silently within the cooldown, and opens a new episode after it", () => {
    const within = planEpisodes([cond("job:1")], [], [episode("job:1", 5 * MIN, "old")], NOW, 15 * MIN);
    expect(within.reopen).toEqual([{ id: "old", input: cond("job:1") }]);
    expect(within.open).toEqual([]);
    const after = planEpisodes([cond("job:1")], [], [episode("job:1", 16 * MIN, "old")], NOW, 15 * MIN);
    expect(after.open.map((c) => c.key)).toEqual(["job:1"]);
    expect(after.reopen).toEqual([]);
  });
});
