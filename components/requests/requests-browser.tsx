"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { type FormEvent, useEffect, useRef } from "react";
import { RangePicker } from "@/components/monitoring/range-picker";
import { useTimeRange } from "@/components/monitoring/use-time-range";
import { Button } from "@/components/ui/button";
import { TextInput } from "@/components/ui/field";
import { FilterSelect } from "@/components/ui/filter-select";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { RequestsTable } from "./requests-table";
import { SearchProgress } from "./search-progress";
import { REQUEST_PAGE_SIZE, useRequestList } from "./use-requests";
import { LOGGED_STAGES } from "@/lib/monitoring/request-filters";

const KEYS = ["policy", "tier", "stage", "status", "q"] as const;
const AUTO_SEARCH_CALLS = 15;

/** The request log: filters live in the URL (shareable), newest first, "Load more" pages by cursor
 * (a text search: "Search older" resumes where its time-bounded call stopped). */
export function RequestsBrowser({ policies, tiers }: { policies: string[]; tiers: string[] }) {
  const { choice, from, to, setChoice } = useTimeRange("24h");
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const f = Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? ""])) as Record<(typeof KEYS)[number], string>;
  const list = useRequestList({ from, to, ...f });

  function set(key: (typeof KEYS)[number], value: string) {
    const next = new URLSearchParams(params.toString());
    if (value) next.set(key, value);
    else next.delete(key);
    router.replace(`${pathname}?${next.toString()}`, { scroll: false });
  }

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    set("q", String(new FormData(event.currentTarget).get("q") ?? "").trim());
  }

  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const lastPage = list.data?.pages.at(-1);
  // A text search answers within a time budget: it may have found nothing yet and still have older rows to search.
  const search = lastPage?.search ?? null;
  // While it has found nothing, the search goes on by itself for up to AUTO_SEARCH_CALLS calls (one at a
  // time, ~0.2 s each); "Search older" grants as many again.
  const searchKey = JSON.stringify([from, to, f]);
  const auto = useRef({ key: searchKey, calls: 0 });
  const isFetchingMore = list.isFetchingNextPage;
  const hasMore = list.hasNextPage;
  const fetchMore = list.fetchNextPage;
  useEffect(() => {
    if (auto.current.key !== searchKey) auto.current = { key: searchKey, calls: 0 };
    if (!search || search.isExhausted || rows.length > 0 || isFetchingMore || !hasMore || auto.current.calls >= AUTO_SEARCH_CALLS) return;
    auto.current.calls++;
    void fetchMore();
  }, [searchKey, search, rows.length, isFetchingMore, hasMore, fetchMore]);
  const searchOlder = () => {
    auto.current.calls = 0;
    void fetchMore();
  };
  const isFiltered = KEYS.some((k) => f[k]);
  const select = (key: "policy" | "tier" | "stage" | "status", label: string, all: string, options: readonly string[]) => (
    <FilterSelect label={label} value={f[key]} onChange={(v) => set(key, v)} options={options} allLabel={all} width="w-40" />
  );

  return (
    <section className="space-y-4">
      <RangePicker choice={choice} from={from} to={to} onChange={setChoice} />
      <div className="flex flex-wrap items-center gap-2">
        {select("policy", "Policy", "All policies", policies)}
        {select("tier", "Tier", "All tiers", tiers)}
        {select("stage", "Stage", "All stages", LOGGED_STAGES)}
        {select("status", "Status", "Any status", ["ok", "error"])}
        <form onSubmit={onSearch} className="flex items-center gap-2" role="search">
          <div className="w-56">
            <TextInput key={f.q} type="search" name="q" defaultValue={f.q} aria-label="Search prompts" placeholder="Search prompts" />
          </div>
          <Button type="submit" variant="secondary" size="sm">
            Search
          </Button>
        </form>
        {isFiltered && (
          <Button variant="ghost" size="sm" onClick={() => router.replace(`${pathname}?${new URLSearchParams([...params].filter(([k]) => !KEYS.includes(k as never))).toString()}`)}>
            Clear filters
          </Button>
        )}
      </div>
      {list.isPending ? (
        <LoadingRows rows={8} label="Loading requests" />
      ) : list.isError ? (
        <ErrorState message={list.error.message} onRetry={() => list.refetch()} />
      ) : search ? (
        <>
          {rows.length > 0 && <RequestsTable rows={rows} />}
          <SearchProgress search={search} found={rows.length} isPageFull={lastPage!.items.length >= REQUEST_PAGE_SIZE} isLoading={list.isFetchingNextPage} onMore={searchOlder} />
        </>
      ) : rows.length === 0 ? (
        <EmptyState title={isFiltered ? "No requests match these filters" : "No requests in this time range"}>
          {isFiltered ? "Loosen a filter or pick a longer range." : "Requests appear here as the gateway answers them."}
        </EmptyState>
      ) : (
        <>
          <RequestsTable rows={rows} />
          <div className="flex items-center justify-between text-sm text-slate-600">
            <span>{rows.length} shown, newest first</span>
            {list.hasNextPage && (
              <Button variant="secondary" size="sm" onClick={() => list.fetchNextPage()} isLoading={list.isFetchingNextPage}>
                Load more
              </Button>
            )}
          </div>
        </>
      )}
    </section>
  );
}
