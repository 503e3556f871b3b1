"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { parseRangeParams, rangeSearch, resolveChoice, type RangeChoice } from "./time-range-params";

/** The page's time range, kept in the URL; presets slide forward once a minute. */
export function useTimeRange(fallback: "1h" | "24h" | "7d" | "30d" = "24h") {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const choice = useMemo(() => parseRangeParams(new URLSearchParams(params.toString()), fallback), [params, fallback]);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const { from, to } = useMemo(() => resolveChoice(choice, now), [choice, now]);
  const setChoice = (next: RangeChoice) => {
    setNow(Date.now());
    router.replace(`${pathname}${rangeSearch(new URLSearchParams(params.toString()), next)}`, { scroll: false });
  };
  return { choice, from, to, setChoice };
}
