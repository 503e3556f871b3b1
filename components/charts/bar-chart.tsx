"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Series } from "./time-series-chart";

type Props = {
  data: ReadonlyArray<Record<string, number | string | null>>;
  categoryKey: string;
  series: readonly Series[];
  valueFormatter: (v: number) => string;
  /** Horizontal bars stacked into one bar per category (e.g. a latency breakdown). */
  layout?: "grouped" | "stacked-horizontal";
};

/** Grouped vertical bars per category, or stacked horizontal bars. Draws prepared data only. */
export function CategoryBarChart({ data, categoryKey, series, valueFormatter, layout = "grouped" }: Props) {
  const horizontal = layout === "stacked-horizontal";
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart accessibilityLayer={false} data={data as Array<Record<string, number | string | null>>} layout={horizontal ? "vertical" : "horizontal"} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" vertical={horizontal} horizontal={!horizontal} />
        {horizontal ? (
          <>
            <XAxis type="number" tickFormatter={valueFormatter} tick={{ fontSize: 11, fill: "#64748b" }} stroke="#cbd5e1" />
            <YAxis type="category" dataKey={categoryKey} width={72} tick={{ fontSize: 11, fill: "#64748b" }} stroke="#cbd5e1" />
          </>
        ) : (
          <>
            <XAxis dataKey={categoryKey} tick={{ fontSize: 11, fill: "#64748b" }} stroke="#cbd5e1" />
            <YAxis tickFormatter={valueFormatter} width={56} tick={{ fontSize: 11, fill: "#64748b" }} stroke="#cbd5e1" />
          </>
        )}
        <Tooltip formatter={(v) => valueFormatter(Number(v))} contentStyle={{ fontSize: 12 }} cursor={{ fill: "#f1f5f9" }} />
        <Legend wrapperStyle={{ fontSize: 12 }} iconType="circle" iconSize={8} itemSorter={null} />
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false} {...(horizontal ? { stackId: "1" } : { radius: [3, 3, 0, 0] })} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
