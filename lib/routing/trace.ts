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

/** A class: one object per decision, not one closure per method. */
class StepList implements Trace {
  readonly steps: TraceStep[] = [];
  constructor(private readonly clock: (() => number) | undefined) {}

  mark(): number {
    return this.clock ? this.clock() : 0;
  }

  add(stage: TraceStage, outcome: TraceStep["outcome"], detail: string, since?: number): void {
    const micros = this.clock && since !== undefined ? Math.round((this.clock() - since) * 10_000) / 10 : 0;
    this.steps.push({ stage, outcome, detail, micros });
  }
}

export function createTrace(clock?: () => number): Trace {
  return new StepList(clock);
}

/** "$0.0123", "$0.000021": three significant digits, no exponent for sane amounts. */
export function formatUsd(usd: number): string {
  if (usd === 0) return "$0";
  return `$${usd >= 0.01 ? usd.toFixed(4) : usd.toPrecision(2)}`;
}

export function formatP(p: number): string {
  return p.toFixed(2);
}
