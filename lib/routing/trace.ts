/**
 * The decision trace: one step per stage, with the stage's time in microseconds when the caller
 * passed a high-resolution clock (EngineContext.clock), else 0. Pure: the clock is an input.
 */
import type { TraceStage, TraceStep } from "./types";

export type Trace = {
  readonly steps: TraceStep[];
  /** A timestamp to measure a stage from (0 without a clock). */
  mark(): number;
  add(stage: TraceStage, outcome: TraceStep["outcome"], detail: string, since?: number): void;
};

export function createTrace(clock?: () => number): Trace {
  const steps: TraceStep[] = [];
  return {
    steps,
    mark: () => (clock ? clock() : 0),
    add(stage, outcome, detail, since) {
      const micros = clock && since !== undefined ? Math.round((clock() - since) * 10_000) / 10 : 0;
      steps.push({ stage, outcome, detail, micros });
    },
  };
}

/** "$0.0123", "$0.000021": three significant digits, no exponent for sane amounts. */
export function formatUsd(usd: number): string {
  if (usd === 0) return "$0";
  return `$${usd >= 0.01 ? usd.toFixed(4) : usd.toPrecision(2)}`;
}

export function formatP(p: number): string {
  return p.toFixed(2);
}
