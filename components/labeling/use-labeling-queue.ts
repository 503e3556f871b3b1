"use client";

import { useEffect, useReducer, useRef } from "react";
import type { LabelView } from "@/lib/labeling/record-label";
import type { QueueItem } from "@/lib/labeling/queue-item";
import type { Verdict } from "@/lib/labeling/labeling-schemas";
import { ApiError, apiFetch } from "@/lib/http/client-fetch";
import { avoidedGroupKeys, excludedIds, initialQueueState, needsMore, queueReducer, type QueueMessage } from "./labeling-queue-reducer";
import { clean, useProgressNudge, type QueueQuery } from "./use-labeling-progress";

/** `applyToIdentical`: the same verdict for the item's identical requests (item.identicalIds), all or none. */
export type Verdicted = { verdict: Verdict; correctTier?: string; note: string; applyToIdentical?: boolean };

const errorText = (e: unknown) => (e instanceof Error ? e.message : "Something went wrong.");

/**
 * The reviewer's queue: claims items from GET /api/admin/labeling/next (one on screen, one
 * prefetched), labels optimistically, skips, and undoes the last label (this session's, or the
 * server's `lastUndoable` after a reload). Mount one per filter set (React key): a new filter
 * starts a new queue; claims held under the old filters are released by the server.
 */
export function useLabelingQueue(filters: QueueQuery, lastUndoable: { id: string } | null) {
  const [state, dispatch] = useReducer(queueReducer, initialQueueState);
  const progress = useProgressNudge();
  const isFetching = useRef(false);
  const pending = useRef(new Map<string, Promise<string | null>>());
  const isUndoing = useRef(false);

  useEffect(() => {
    if (!needsMore(state) || isFetching.current) return;
    isFetching.current = true;
    const query = new URLSearchParams({ ...clean(filters), exclude: excludedIds(state).join(","), avoid: avoidedGroupKeys(state).join(",") });
    apiFetch<{ item: QueueItem | null }>(`/api/admin/labeling/next?${query}`).then(
      ({ item }) => {
        isFetching.current = false;
        dispatch({ type: "fetched", item });
      },
      (error: unknown) => {
        isFetching.current = false;
        dispatch({ type: "fetchFailed", error: errorText(error) });
      },
    );
  }, [state, filters]);

  function label(item: QueueItem, v: Verdicted) {
    const key = crypto.randomUUID();
    const alsoIds = v.applyToIdentical ? item.identicalIds : [];
    dispatch({ type: "labeled", key, item, alsoIds });
    progress.nudge(1 + alsoIds.length);
    const body = { requestId: item.id, verdict: v.verdict, note: v.note, ...(v.verdict === "correct" ? {} : { correctTier: v.correctTier }), ...(alsoIds.length ? { identicalIds: alsoIds } : {}) };
    const saved = apiFetch<{ label: LabelView; applied: number }>("/api/admin/labels", { method: "POST", json: body }).then(
      ({ label: made, applied }) => {
        dispatch({ type: "labelSaved", key, labelId: made.id });
        if (applied > 1) dispatch({ type: "message", message: { tone: "info", text: `Label saved on ${applied} identical requests.` } });
        return made.id;
      },
      (error: unknown) => {
        const isGone = error instanceof ApiError && error.status === 409;
        const text = isGone
          ? `Not saved: ${errorText(error)} Moved on to the next request.`
          : `Could not save the label (${errorText(error)}). The request is back on screen; try again.`;
        dispatch({ type: "labelFailed", key, restore: !isGone, text });
        progress.nudge(-1 - alsoIds.length);
        return null;
      },
    );
    pending.current.set(key, saved);
    void saved.finally(() => {
      pending.current.delete(key);
      progress.settle();
    });
  }

  function skip(item: QueueItem) {
    dispatch({ type: "skipped", item });
    apiFetch("/api/admin/labeling/skip", { method: "POST", json: { requestId: item.id } }).catch((error: unknown) =>
      dispatch({ type: "message", message: { tone: "error", text: `Skipped here, but the server did not release it: ${errorText(error)}` } }),
    );
  }

  async function undo() {
    if (isUndoing.current) return;
    const entry = state.history.at(-1) ?? null;
    const labelId = entry ? (entry.pending ? await pending.current.get(entry.key) : entry.labelId) : (lastUndoable?.id ?? null);
    if (!labelId) {
      dispatch({ type: "message", message: { tone: "info", text: "Nothing to undo." } });
      return;
    }
    isUndoing.current = true;
    try {
      const { item } = await apiFetch<{ item: QueueItem | null }>(`/api/admin/labels/${labelId}`, { method: "DELETE" });
      dispatch({ type: "undone", key: entry?.key ?? null, item, text: "Label undone: the request is back on screen." });
      progress.nudge(-1);
    } catch (error) {
      dispatch({ type: "message", message: { tone: "error", text: `Could not undo: ${errorText(error)}` } });
    } finally {
      isUndoing.current = false;
      progress.settle();
    }
  }

  return {
    state,
    current: state.items[0] ?? null,
    canUndo: state.history.length > 0 || !!lastUndoable,
    label,
    skip,
    undo,
    retry: () => dispatch({ type: "retry" }),
    notify: (message: QueueMessage) => dispatch({ type: "message", message }),
    clearMessage: () => dispatch({ type: "message", message: null }),
  };
}
