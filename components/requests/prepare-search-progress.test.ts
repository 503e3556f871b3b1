import { describe, expect, it } from "vitest";
import { formatDateTime } from "@/components/charts/format";
import { prepareSearchProgress } from "./prepare-search-progress";

const BACK_TO = "2026-12-01T10:00:00.000Z";
const when = formatDateTime(BACK_TO, { seconds: false });

describe("prepareSearchProgress", () => {
  it("nothing found yet: says how far back it searched and offers to search older", () => {
    expect(prepareSearchProgress({ searchedBackTo: BACK_TO, isExhausted: false }, 0, false)).toEqual({
      emptyTitle: "No matches yet",
      status: `Searched the requests back to ${when}; older ones are not searched yet.`,
      action: "Search older",
    });
  });

  it("some found, the budget spent before a full page: Search older", () => {
    expect(prepareSearchProgress({ searchedBackTo: BACK_TO, isExhausted: false }, 3, false)).toEqual({
      emptyTitle: null,
      status: `3 found, newest first · searched back to ${when}`,
      action: "Search older",
    });
  });

  it("a full page: Load more", () => {
    expect(prepareSearchProgress({ searchedBackTo: BACK_TO, isExhausted: false }, 50, true).action).toBe("Load more");
  });

  it("the whole range searched: no action, and the list's usual empty title when nothing matched", () => {
    expect(prepareSearchProgress({ searchedBackTo: null, isExhausted: true }, 0, false)).toEqual({
      emptyTitle: "No requests match these filters",
      status: "Searched every request in this range.",
      action: null,
    });
    expect(prepareSearchProgress({ searchedBackTo: null, isExhausted: true }, 7, false)).toEqual({ emptyTitle: null, status: "7 found, newest first · searched the whole range", action: null });
  });
});
