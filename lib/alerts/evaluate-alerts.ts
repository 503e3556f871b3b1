/**
 * One evaluation: the conditions true now → episodes opened, kept or resolved (plan-episodes) →
 * a pending delivery per subscribed channel for each episode that fired or resolved. Run by the
 * worker every ALERTS_EVALUATE_MS; the advisory lock makes concurrent workers evaluate one at a
 * time, and a worker that finds it held skips the round (the holder covers it). A failed job's
 * episode sends no "resolved" message: it ends when the job leaves the look-back window.
 */
import { randomUUID } from "node:crypto";
import { withEpisodeStore, type EpisodeRow } from "../db/alert-episode-repo";
import { env } from "../env";
import type { AlertMessage } from "./alert-message";
import { collectConditions } from "./collect-conditions";
import { planEpisodes } from "./plan-episodes";

export type EvaluationResult = { fired: string[]; resolved: string[]; failedSources: string[] };

export function messageOf(e: EpisodeRow, event: "fired" | "resolved"): AlertMessage {
  return {
    id: randomUUID(),
    event,
    kind: e.kind,
    key: e.key,
    title: e.title,
    message: e.message,
    openedAt: e.openedAt.toISOString(),
    resolvedAt: e.resolvedAt?.toISOString() ?? null,
  };
}

export async function evaluateAlerts(now = new Date()): Promise<EvaluationResult | null> {
  const { conditions, failed } = await collectConditions(now);
  const failedKinds = new Set<string>(failed.map((f) => f.kind));
  return withEpisodeStore(async (store) => {
    const open = (await store.open()).filter((e) => !failedKinds.has(e.kind));
    const openKeys = new Set(open.map((e) => e.key));
    const last = await store.lastResolved(conditions.map((c) => c.key).filter((k) => !openKeys.has(k)));
    const plan = planEpisodes(conditions, open, last, now.getTime(), env().ALERTS_COOLDOWN_MS);
    const result: EvaluationResult = { fired: [], resolved: [], failedSources: failed.map((f) => `${f.kind}: ${f.error}`) };
    for (const input of plan.open) {
      const episode = await store.create(input, now);
      await store.enqueue(episode, "fired", () => messageOf(episode, "fired"));
      result.fired.push(episode.key);
    }
    for (const { id, input } of plan.reopen) await store.reopen(id, input, now);
    await store.touch(plan.touch, now);
    for (const e of plan.resolve) {
      const episode = await store.resolve(e.id, now);
      if (episode.kind !== "job") await store.enqueue(episode, "resolved", () => messageOf(episode, "resolved"));
      result.resolved.push(episode.key);
    }
    return result;
  });
}
