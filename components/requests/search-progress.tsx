"use client";

import { formatDateTime } from "@/components/charts/format";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/states";
import type { SearchState } from "./types";

type Props = {
  search: SearchState;
  found: number;
  /** The last call filled its page: more pages follow as with any list ("Load more"). */
  isPageFull: boolean;
  isLoading: boolean;
  onMore: () => void;
};

/**
 * Where a text search stands: each call searches the log newest first for a bounded time
 * (lib/db/search-request-log.ts), so it says how far back it got and offers to search older rows.
 */
export function SearchProgress({ search, found, isPageFull, isLoading, onMore }: Props) {
  const backTo = search.searchedBackTo && formatDateTime(search.searchedBackTo, { seconds: false });
  const more = !search.isExhausted && (
    <Button variant="secondary" size="sm" onClick={onMore} isLoading={isLoading}>
      {isPageFull ? "Load more" : "Search older"}
    </Button>
  );
  if (found === 0) {
    return (
      <EmptyState title={search.isExhausted ? "No requests match these filters" : "No matches yet"} action={more}>
        <span role="status">{search.isExhausted ? "Searched every request in this range." : `Searched the requests back to ${backTo}; older ones are not searched yet.`}</span>
      </EmptyState>
    );
  }
  return (
    <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
      <span role="status">
        {found} found, newest first · {search.isExhausted ? "searched the whole range" : `searched back to ${backTo}`}
      </span>
      {more}
    </div>
  );
}
