/**
 * The console's time range in the URL: `?range=1h|24h|7d|30d` (ending now) or
 * `?range=custom&from=<ISO>&to=<ISO>`. Pure: parse and serialize.
 */
export const PRESETS = { "1h": 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000 } as const;
export type Preset = keyof typeof PRESETS;
export type RangeChoice = { kind: "preset"; preset: Preset } | { kind: "custom"; from: Date; to: Date };

export function parseRangeParams(params: URLSearchParams, fallback: Preset = "24h"): RangeChoice {
  const range = params.get("range");
  if (range === "custom") {
    const from = new Date(params.get("from") ?? "");
    const to = new Date(params.get("to") ?? "");
    if (Number.isFinite(from.getTime()) && Number.isFinite(to.getTime()) && to > from) return { kind: "custom", from, to };
  }
  if (range && range in PRESETS) return { kind: "preset", preset: range as Preset };
  return { kind: "preset", preset: fallback };
}

/** The other parameters are kept; only the range's own are replaced. */
export function rangeSearch(current: URLSearchParams, choice: RangeChoice): string {
  const next = new URLSearchParams(current);
  next.delete("from");
  next.delete("to");
  if (choice.kind === "preset") next.set("range", choice.preset);
  else {
    next.set("range", "custom");
    next.set("from", choice.from.toISOString());
    next.set("to", choice.to.toISOString());
  }
  return `?${next.toString()}`;
}

/** Concrete [from, to) for a choice; presets end at `now` rounded up to the minute (stable query keys). */
export function resolveChoice(choice: RangeChoice, now: number): { from: Date; to: Date } {
  if (choice.kind === "custom") return { from: choice.from, to: choice.to };
  const to = Math.ceil(now / 60_000) * 60_000;
  return { from: new Date(to - PRESETS[choice.preset]), to: new Date(to) };
}

/** `<input type="datetime-local">` value (local time) ↔ Date. */
export function toLocalInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
