"use client";

import { CartesianGrid, Line, LineChart, ReferenceDot, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { METRIC_COLORS } from "./palette";

export type BiasCurvePoint = { bias: number; costPer1k: number; quality: number };
type Marker = { costPer1k: number; quality: number; label: string };

type Props = {
  curve: readonly BiasCurvePoint[];
  current: Marker;
  saved: Marker;
  /** "Always tier k" ends of the trade-off. */
  baselines: readonly Marker[];
  /** What the ledger measured at the saved position (own traffic), when known. */
  measured?: Marker | null;
  formatCost: (v: number) => string;
};

/**
 * Cost per 1,000 requests (x, from $0) against the share of answers judged adequate (y, 0–100%)
 * over the bias range; current and saved positions marked. Both axes start at zero so a small
 * difference is not drawn as a large one.
 */
export function BiasCurveChart({ curve, current, saved, baselines, measured, formatCost }: Props) {
  const marks = measured ? [...baselines, measured] : baselines;
  const costs = [...curve.map((p) => p.costPer1k), ...marks.map((b) => b.costPer1k)];
  const cMax = Math.max(...costs);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart accessibilityLayer={false} data={curve as BiasCurvePoint[]} margin={{ top: 12, right: 16, bottom: 4, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" />
        <XAxis
          type="number"
          dataKey="costPer1k"
          domain={[0, cMax > 0 ? cMax * 1.08 : 1]}
          tickFormatter={formatCost}
          tick={{ fontSize: 11, fill: "#64748b" }}
          stroke="#cbd5e1"
          height={28}
        />
        <YAxis
          type="number"
          domain={[0, 1]}
          ticks={[0, 0.25, 0.5, 0.75, 1]}
          tickFormatter={(v: number) => `${Math.round(v * 100)}%`}
          tick={{ fontSize: 11, fill: "#64748b" }}
          stroke="#cbd5e1"
          width={44}
        />
        <Tooltip
          formatter={(v, name) => (name === "adequate" ? `${(Number(v) * 100).toFixed(1)}%` : formatCost(Number(v)))}
          labelFormatter={(_, payload) => (payload?.[0] ? `bias ${(payload[0].payload as BiasCurvePoint).bias.toFixed(2)} · ${formatCost((payload[0].payload as BiasCurvePoint).costPer1k)}` : "")}
          contentStyle={{ fontSize: 12 }}
        />
        <Line dataKey="quality" name="adequate" stroke={METRIC_COLORS.secondary} strokeWidth={2} dot={{ r: 2.5 }} isAnimationActive={false} />
        {baselines.map((b, i) => (
          <ReferenceDot
            key={b.label}
            x={b.costPer1k}
            y={b.quality}
            r={4}
            fill="#fff"
            stroke="#64748b"
            label={{ value: b.label, position: i === 0 ? "right" : "bottom", fontSize: 10, fill: "#64748b" }}
          />
        ))}
        {measured && (
          <ReferenceDot x={measured.costPer1k} y={measured.quality} r={5} fill="#f59e0b" stroke="#fff" strokeWidth={1.5} label={{ value: measured.label, position: "bottom", fontSize: 10, fill: "#b45309" }} />
        )}
        <ReferenceDot x={saved.costPer1k} y={saved.quality} r={7} fill="#fff" stroke={METRIC_COLORS.secondary} strokeWidth={2} label={{ value: saved.label, position: "left", fontSize: 11, fill: "#64748b" }} />
        <ReferenceDot x={current.costPer1k} y={current.quality} r={6} fill={METRIC_COLORS.primary} stroke="#fff" strokeWidth={2} label={{ value: current.label, position: "top", fontSize: 11, fill: METRIC_COLORS.primary, fontWeight: 600 }} />
      </LineChart>
    </ResponsiveContainer>
  );
}
