"use client";

import { useState } from "react";
import { CartesianGrid, Line, LineChart, ReferenceDot, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { METRIC_COLORS } from "./palette";
import { placeLabels, type LabelPlacement } from "./place-labels";

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
 * difference is not drawn as a large one. The marks' labels are placed around their dots so that
 * none overlaps another (place-labels.ts), at the chart's measured size.
 */
export function BiasCurveChart({ curve, current, saved, baselines, measured, formatCost }: Props) {
  const marks = measured ? [...baselines, measured] : baselines;
  const costs = [...curve.map((p) => p.costPer1k), ...marks.map((b) => b.costPer1k)];
  const cMax = Math.max(...costs);
  const xMax = cMax > 0 ? cMax * 1.08 : 1;
  // The plot is the chart less the y axis (44), the x axis (28) and the margins.
  const [size, setSize] = useState({ width: 480, height: 240 });
  const frame = { width: Math.max(size.width - 44 - 16, 100), height: Math.max(size.height - 28 - 16, 60), xDomain: [0, xMax] as [number, number], yDomain: [0, 1] as [number, number] };
  const dots = [
    { ...current, radius: 6, fontSize: 11 },
    { ...saved, radius: 7, fontSize: 11 },
    ...(measured ? [{ ...measured, radius: 5, fontSize: 10 }] : []),
    ...baselines.map((b) => ({ ...b, radius: 4, fontSize: 10 })),
  ];
  const [atCurrent, atSaved, ...rest] = placeLabels(
    dots.map((d) => ({ x: d.costPer1k, y: d.quality, label: d.label, radius: d.radius, fontSize: d.fontSize })),
    frame,
  );
  const atMeasured = measured ? rest[0] : undefined;
  const atBaselines = measured ? rest.slice(1) : rest;
  return (
    <ResponsiveContainer width="100%" height="100%" onResize={(width, height) => setSize((s) => (s.width === width && s.height === height ? s : { width, height }))}>
      <LineChart accessibilityLayer={false} data={curve as BiasCurvePoint[]} margin={{ top: 12, right: 16, bottom: 4, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" />
        <XAxis
          type="number"
          dataKey="costPer1k"
          domain={[0, xMax]}
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
            label={placedLabel(b.label, atBaselines[i]!, { fontSize: 10, fill: "#64748b" })}
          />
        ))}
        {measured && (
          <ReferenceDot x={measured.costPer1k} y={measured.quality} r={5} fill="#f59e0b" stroke="#fff" strokeWidth={1.5} label={placedLabel(measured.label, atMeasured!, { fontSize: 10, fill: "#b45309" })} />
        )}
        <ReferenceDot x={saved.costPer1k} y={saved.quality} r={7} fill="#fff" stroke={METRIC_COLORS.secondary} strokeWidth={2} label={placedLabel(saved.label, atSaved!, { fontSize: 11, fill: "#64748b" })} />
        <ReferenceDot x={current.costPer1k} y={current.quality} r={6} fill={METRIC_COLORS.primary} stroke="#fff" strokeWidth={2} label={placedLabel(current.label, atCurrent!, { fontSize: 11, fill: METRIC_COLORS.primary, fontWeight: 600 })} />
      </LineChart>
    </ResponsiveContainer>
  );
}

type LabelStyle = { fontSize: number; fill: string; fontWeight?: number };

/** A ReferenceDot label drawn where placeLabels put it (Recharts passes the dot's box as viewBox). */
function placedLabel(text: string, at: LabelPlacement, style: LabelStyle) {
  function PlacedLabel({ viewBox }: { viewBox?: { x?: number; y?: number; width?: number; height?: number } }) {
    if (!text || !viewBox) return null;
    const cx = (viewBox.x ?? 0) + (viewBox.width ?? 0) / 2;
    const cy = (viewBox.y ?? 0) + (viewBox.height ?? 0) / 2;
    return (
      <text x={cx + at.dx} y={cy + at.dy} textAnchor={at.anchor} dominantBaseline="central" {...style}>
        {text}
      </text>
    );
  }
  return PlacedLabel;
}
