"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type ComparedCurve = { key: string; name: string; color: string; dashed: boolean; points: ReadonlyArray<{ cost: number; quality: number }> };

type Props = { series: readonly ComparedCurve[]; xDomain: [number, number]; yDomain: [number, number] };

/** Several cost–quality curves on the same axes: normalized cost (x, % of the top tier) against quality (y, as a share); both from zero. */
export function CurveComparisonChart({ series, xDomain, yDomain }: Props) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" />
        <XAxis
          type="number"
          dataKey="cost"
          domain={xDomain}
          tickFormatter={(v: number) => `${Math.round(v * 100)}%`}
          tick={{ fontSize: 11, fill: "#64748b" }}
          stroke="#cbd5e1"
          height={28}
          allowDuplicatedCategory={false}
        />
        <YAxis
          type="number"
          domain={yDomain}
          ticks={[0, 0.25, 0.5, 0.75, 1].filter((t) => t >= yDomain[0] && t <= yDomain[1])}
          tickFormatter={(v: number) => `${Math.round(v * 100)}%`}
          tick={{ fontSize: 11, fill: "#64748b" }}
          stroke="#cbd5e1"
          width={44}
        />
        <Tooltip
          formatter={(v, name) => [Number(v).toFixed(3), name]}
          labelFormatter={(v) => `cost ${(Number(v) * 100).toFixed(0)}% of the top tier`}
          contentStyle={{ fontSize: 12 }}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {series.map((s) => (
          <Line
            key={s.key}
            data={s.points as Array<{ cost: number; quality: number }>}
            dataKey="quality"
            name={s.name}
            stroke={s.color}
            strokeWidth={2}
            strokeDasharray={s.dashed ? "5 4" : undefined}
            dot={{ r: 2 }}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
