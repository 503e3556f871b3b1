/**
 * Adds replayed requests up into the replay's report: costs, tier changes and their direction,
 * escalations, added latency, quality estimates for the logged policy and the candidate, and a
 * bounded sample of the requests whose tier changed (for a reviewer to open). Pure.
 */
import { QualityAccumulator, type QualityEstimate } from "./estimate-quality";
import type { LoggedRequest } from "./logged-request";
import type { Replayed } from "./replay-request";

export const CHANGED_SAMPLE = 200;

export type ChangedRequest = {
  id: string;
  createdAt: string;
  prompt: string | null;
  from: string | null;
  to: string | null;
  direction: "up" | "down";
  qualityFrom: number;
  qualityTo: number;
  costFrom: number;
  costTo: number;
};

export type ReplayTotals = {
  requests: number;
  replayed: number;
  notReplayable: Record<string, number>;
  fromFeatures: number;
  changed: number;
  up: number;
  down: number;
  current: { costUsd: number; quality: number | null; escalationRate: number | null; estimate: QualityEstimate };
  candidate: {
    costUsd: number;
    quality: number | null;
    qualityLow: number | null;
    qualityHigh: number | null;
    escalationRate: number | null;
    addedLatencyMs: { mean: number | null; p95: number | null };
    estimate: QualityEstimate;
  };
  changedRequests: ChangedRequest[];
  /** Where the candidate's answers came from: requests per tier (the likelier branch). */
  candidateServed: Record<string, number>;
};

const LATENCY_SAMPLE = 20_000;

export class ReplayTally {
  private requests = 0;
  private replayed = 0;
  private notReplayable: Record<string, number> = {};
  private fromFeatures = 0;
  private changed = 0;
  private up = 0;
  private down = 0;
  private costNow = 0;
  private costNext = 0;
  private escalatedNow = 0;
  private escalatedNext = 0;
  private addedSum = 0;
  private added: number[] = [];
  private readonly qualityNow = new QualityAccumulator();
  private readonly qualityNext = new QualityAccumulator();
  private readonly sample: ChangedRequest[] = [];
  private readonly served: Record<string, number> = {};

  constructor(private readonly tiers: readonly string[]) {}

  add(logged: LoggedRequest, r: Replayed) {
    this.requests++;
    if (!r.replayable) {
      this.notReplayable[r.reason] = (this.notReplayable[r.reason] ?? 0) + 1;
      return;
    }
    this.replayed++;
    if (r.fromFeatures) this.fromFeatures++;
    this.costNow += r.logged.costUsd;
    this.costNext += r.candidate.costUsd;
    if (logged.attempts.some((a) => a.outcome === "low-confidence" && a.tier !== logged.servedTier)) this.escalatedNow++;
    this.escalatedNext += r.candidate.escalated;
    const added = r.candidate.ms - r.logged.ms;
    this.addedSum += added;
    if (this.added.length < LATENCY_SAMPLE) this.added.push(added);
    this.qualityNow.add(r.logged.quality, r.loggedCorrection);
    this.qualityNext.add(r.candidate.quality, r.correction);
    if (r.candidate.served) this.served[r.candidate.served] = (this.served[r.candidate.served] ?? 0) + 1;
    if (r.candidate.served === r.logged.served) return;
    this.changed++;
    const direction = this.tiers.indexOf(r.candidate.served ?? "") > this.tiers.indexOf(r.logged.served ?? "") ? "up" : "down";
    if (direction === "up") this.up++;
    else this.down++;
    if (this.sample.length < CHANGED_SAMPLE) {
      this.sample.push({
        id: logged.id,
        createdAt: logged.createdAt.toISOString(),
        prompt: logged.prompt === null ? null : logged.prompt.slice(0, 200),
        from: r.logged.served,
        to: r.candidate.served,
        direction,
        qualityFrom: r.logged.quality,
        qualityTo: r.candidate.quality,
        costFrom: r.logged.costUsd,
        costTo: r.candidate.costUsd,
      });
    }
  }

  totals(): ReplayTotals {
    const now = this.qualityNow.result();
    const next = this.qualityNext.result();
    const rate = (n: number) => (this.replayed ? n / this.replayed : null);
    const sorted = [...this.added].sort((a, b) => a - b);
    return {
      requests: this.requests,
      replayed: this.replayed,
      notReplayable: this.notReplayable,
      fromFeatures: this.fromFeatures,
      changed: this.changed,
      up: this.up,
      down: this.down,
      current: { costUsd: this.costNow, quality: now.value, escalationRate: rate(this.escalatedNow), estimate: now },
      candidate: {
        costUsd: this.costNext,
        quality: next.value,
        qualityLow: next.low,
        qualityHigh: next.high,
        escalationRate: rate(this.escalatedNext),
        addedLatencyMs: { mean: this.replayed ? this.addedSum / this.replayed : null, p95: sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))]! : null },
        estimate: next,
      },
      changedRequests: this.sample,
      candidateServed: this.served,
    };
  }
}
