"use client";

import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/states";
import { prepareSearchProgress } from "./prepare-search-progress";
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
  const view = prepareSearchProgress(search, found, isPageFull);
  const more = view.action && (
    <Button variant="secondary" size="sm" onClick={onMore} isLoading={isLoading}>
      {view.action}
    </Button>
  );
  if (view.emptyTitle) {
    return (
      <EmptyState title={view.emptyTitle} action={more}>
        <span role="status">{view.status}</span>
      </EmptyState>
    );
  }
  return (
    <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
      <span role="status">{view.status}</span>
      {more}
    </div>
  );
}
