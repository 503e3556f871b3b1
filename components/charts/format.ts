/**
 * The console's one definition of each number and time (charts, cards, tables, dialogs). Money
 * keeps two significant digits below a dollar and cents above ($0.80, $0.88, $0.0031, $12.50,
 * $1,234); times are local, with the zone named (Dec 7, 2026, 14:05:09 CET).
 */
export function formatUsd(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  const abs = Math.abs(v);
  if (abs === 0) return "$0.00";
  const decimals = abs >= 1000 ? 0 : abs >= 1 ? 2 : Math.min(12, Math.max(2, 1 - Math.floor(Math.log10(abs))));
  const text = abs.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return `${v < 0 ? "−" : ""}$${text}`;
}

export function formatPercent(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  return `${(v * 100).toFixed(digits)}%`;
}

export function formatMs(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  if (v >= 10_000) return `${(v / 1000).toFixed(1)} s`;
  if (v >= 1000) return `${(v / 1000).toFixed(2)} s`;
  if (v >= 10) return `${Math.round(v)} ms`;
  return `${v.toFixed(1)} ms`;
}

export function formatCount(v: number): string {
  return v.toLocaleString("en-US");
}

export function formatPsi(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? "—" : v.toFixed(3);
}

/** Axis tick for a bucket start: time of day for sub-day buckets within two days, else date. */
export function formatTick(iso: string, bucketMs: number, spanMs: number): string {
  const d = new Date(iso);
  if (bucketMs >= 86_400_000 || spanMs > 2 * 86_400_000) {
    return bucketMs >= 86_400_000
      ? d.toLocaleDateString("en-US", { month: "short", day: "numeric" })
      : d.toLocaleString("en-US", { month: "short", day: "numeric", hour: "numeric" });
  }
  return d.toLocaleTimeString("en-US", { hour: "numeric", minute: "2-digit" });
}

/** A moment in local time with its zone; `seconds: false` for coarse moments (creation dates, last use). */
export function formatDateTime(at: string | number | Date, { seconds = true }: { seconds?: boolean } = {}): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return "—";
  return d.toLocaleString("en-US", {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    ...(seconds ? { second: "2-digit" } : {}),
    hourCycle: "h23",
    timeZoneName: "short",
  });
}

/**
 * Whole-number percents of `counts` that add up to exactly 100 (largest-remainder rounding):
 * floor every share, then give the missing points to the largest remainders. All zero → all 0.
 */
export function sharePercents(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + Math.max(0, b), 0);
  if (total <= 0) return counts.map(() => 0);
  const exact = counts.map((c) => (Math.max(0, c) / total) * 100);
  const floors = exact.map(Math.floor);
  let missing = 100 - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, rest: e - floors[i]! })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (missing <= 0) break;
    floors[i]! += 1;
    missing -= 1;
  }
  return floors;
}

/** "fast 34%, balanced 40%, capable 26%": each name's share of the counts, summing to 100%. */
export function formatShares(entries: ReadonlyArray<readonly [name: string, count: number]>): string {
  const percents = sharePercents(entries.map(([, count]) => count));
  return entries.map(([name], i) => `${name} ${percents[i]}%`).join(", ");
}

/** How long a window lasts, rounded: "45 min", "24 h", "7 d". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "—";
  if (ms < 3_600_000) return `${Math.max(1, Math.round(ms / 60_000))} min`;
  if (ms < 2 * 86_400_000) return `${+(ms / 3_600_000).toFixed(1)} h`;
  return `${+(ms / 86_400_000).toFixed(1)} d`;
}

/**
 * What a rate (lib/monitoring/rates: count over n in a window) rests on, shown beside it wherever
 * it appears: "n = 83 · 7 d" (`dates`: the window's ends instead of its length).
 */
export function formatRateBasis(r: { n: number; window: { from: string; to: string } }, { dates = false }: { dates?: boolean } = {}): string {
  const span = dates
    ? `${formatDateTime(r.window.from, { seconds: false })} – ${formatDateTime(r.window.to, { seconds: false })}`
    : formatDuration(new Date(r.window.to).getTime() - new Date(r.window.from).getTime());
  return `n = ${formatCount(r.n)} · ${span}`;
}
