"use client";

import { sharePercents } from "./format";
import { Area, AreaChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/**
 * `nKey`: the row field holding the count behind this series' value (a rate's n); the tooltip
 * shows it, and a null value (too few to draw: a gap in the line) still shows its n there.
 */
export type Series = { key: string; label: string; color: string; nKey?: string };

type TooltipEntry = { dataKey?: unknown; value?: unknown; payload?: Record<string, unknown> };

type Props = {
  data: ReadonlyArray<Record<string, number | string | null>>;
  series: readonly Series[];
  kind: "stacked-share" | "stacked" | "line";
  tickFormatter: (t: string) => string;
  valueFormatter: (v: number) => string;
  /** A horizontal threshold line (e.g. an alert threshold). */
  reference?: { y: number; label: string };
  /** Lines: the y axis starts at 0 and reaches at least this (all-zero data stays readable). */
  minTop?: number;
};

/**
 * Time series: stacked areas (as shares of 100 % or absolute) or lines. Draws prepared data only.
 * Stacked shares: the tooltip's percents are rounded together so they add up to 100.
 */
export function TimeSeriesChart({ data, series, kind, tickFormatter, valueFormatter, reference, minTop }: Props) {
  const domain: [number | "auto", number | "auto" | ((max: number) => number)] =
    kind === "stacked-share" ? [0, 1] : minTop !== undefined ? [0, (max: number) => Math.max(max, minTop, reference?.y ?? 0)] : ["auto", "auto"];
  const nKeys = new Map(series.filter((s) => s.nKey).map((s) => [s.key, s.nKey!]));
  const formatEntry = (v: unknown, _name: unknown, item: TooltipEntry, index: number, payload: readonly TooltipEntry[]) => {
    if (kind === "stacked-share" && Array.isArray(payload) && index < payload.length) return `${sharePercents(payload.map((p) => Number(p.value) || 0))[index]}%`;
    const nKey = nKeys.get(String(item.dataKey));
    const n = nKey ? item.payload?.[nKey] : undefined;
    const value = v === null || v === undefined ? "too few to draw" : valueFormatter(Number(v));
    return typeof n === "number" ? `${value} (n = ${n.toLocaleString("en-US")})` : value;
  };
  const axis = (
    <>
      <CartesianGrid stroke="#e2e8f0" vertical={false} />
      <XAxis dataKey="t" tickFormatter={tickFormatter} minTickGap={40} tick={{ fontSize: 11, fill: "#64748b" }} stroke="#cbd5e1" />
      <YAxis tickFormatter={valueFormatter} width={56} tick={{ fontSize: 11, fill: "#64748b" }} stroke="#cbd5e1" domain={domain} ticks={kind === "stacked-share" ? [0, 0.25, 0.5, 0.75, 1] : undefined} />
      <Tooltip
        labelFormatter={(t) => tickFormatter(String(t))}
        formatter={(v, name, item, index, payload) => formatEntry(v, name, item as TooltipEntry, index, payload as readonly TooltipEntry[])}
        filterNull={nKeys.size === 0}
        contentStyle={{ fontSize: 12 }}
      />
      <Legend wrapperStyle={{ fontSize: 12 }} iconType="circle" iconSize={8} itemSorter={null} />
      {reference && <ReferenceLine y={reference.y} stroke="#ef4444" strokeDasharray="4 3" label={{ value: reference.label, fontSize: 11, fill: "#ef4444", position: "insideTopRight" }} />}
    </>
  );
  return (
    <ResponsiveContainer width="100%" height="100%">
      {kind === "line" ? (
        <LineChart accessibilityLayer={false} data={data as Array<Record<string, number | string | null>>} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          {axis}
          {series.map((s) => (
            <Line key={s.key} dataKey={s.key} name={s.label} stroke={s.color} dot={s.nKey ? { r: 2 } : false} strokeWidth={2} isAnimationActive={false} connectNulls={!s.nKey} />
          ))}
        </LineChart>
      ) : (
        <AreaChart accessibilityLayer={false} data={data as Array<Record<string, number | string | null>>} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          {axis}
          {series.map((s) => (
            <Area key={s.key} dataKey={s.key} name={s.label} stackId="1" stroke={s.color} strokeWidth={0} fill={s.color} fillOpacity={0.8} isAnimationActive={false} type="monotone" />
          ))}
        </AreaChart>
      )}
    </ResponsiveContainer>
  );
}
