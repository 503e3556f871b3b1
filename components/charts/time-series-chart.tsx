"use client";

import { Area, AreaChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type Series = { key: string; label: string; color: string };

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

/** Time series: stacked areas (as shares of 100 % or absolute) or lines. Draws prepared data only. */
export function TimeSeriesChart({ data, series, kind, tickFormatter, valueFormatter, reference, minTop }: Props) {
  const domain: [number | "auto", number | "auto" | ((max: number) => number)] =
    kind === "stacked-share" ? [0, 1] : minTop !== undefined ? [0, (max: number) => Math.max(max, minTop, reference?.y ?? 0)] : ["auto", "auto"];
  const axis = (
    <>
      <CartesianGrid stroke="#e2e8f0" vertical={false} />
      <XAxis dataKey="t" tickFormatter={tickFormatter} minTickGap={40} tick={{ fontSize: 11, fill: "#64748b" }} stroke="#cbd5e1" />
      <YAxis tickFormatter={valueFormatter} width={56} tick={{ fontSize: 11, fill: "#64748b" }} stroke="#cbd5e1" domain={domain} ticks={kind === "stacked-share" ? [0, 0.25, 0.5, 0.75, 1] : undefined} />
      <Tooltip labelFormatter={(t) => tickFormatter(String(t))} formatter={(v) => valueFormatter(Number(v))} contentStyle={{ fontSize: 12 }} />
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
            <Line key={s.key} dataKey={s.key} name={s.label} stroke={s.color} dot={false} strokeWidth={2} isAnimationActive={false} connectNulls />
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
