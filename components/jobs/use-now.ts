"use client";

import { useEffect, useState } from "react";

/** The clock, ticking every `ms` while `isTicking` (for "running for 12 s"). */
export function useNow(isTicking: boolean, ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!isTicking) return;
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [isTicking, ms]);
  return now;
}
