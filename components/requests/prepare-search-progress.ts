import { formatDateTime } from "@/components/charts/format";
import type { SearchState } from "./types";

export type SearchProgressView = {
  /** Set when nothing was found (yet): the list shows an empty state with it. */
  emptyTitle: string | null;
  status: string;
  /** The button that asks for more, absent once the whole range was searched. */
  action: "Search older" | "Load more" | null;
};

/**
 * What the list says about a text search: how far back it searched, whether anything was found,
 * and what asks for more — "Load more" after a full page (more matches wait), "Search older" when
 * the call stopped at its time budget before filling the page.
 */
export function prepareSearchProgress(search: SearchState, found: number, isPageFull: boolean): SearchProgressView {
  const action = search.isExhausted ? null : isPageFull ? "Load more" : "Search older";
  const where = search.isExhausted ? null : `back to ${formatDateTime(search.searchedBackTo ?? "", { seconds: false })}`;
  if (found === 0) {
    return {
      emptyTitle: search.isExhausted ? "No requests match these filters" : "No matches yet",
      status: where ? `Searched the requests ${where}; older ones are not searched yet.` : "Searched every request in this range.",
      action,
    };
  }
  return { emptyTitle: null, status: `${found} found, newest first · ${where ? `searched ${where}` : "searched the whole range"}`, action };
}
