/**
 * The labeling screen's queue state: the claimed items (items[0] is on screen, the next one is
 * prefetched so a verdict shows it at once), the ids skipped this session, and the labels made
 * this session (for undo). Labels are optimistic: the item leaves at once and comes back if
 * the server refuses. Pure (unit-tested). A filter change mounts a fresh queue (React key).
 */
import type { QueueItem } from "@/lib/labeling/queue-item";

/** `alsoIds`: identical requests the same label went to ("apply to all"). */
export type HistoryEntry = { key: string; item: QueueItem; labelId: string | null; pending: boolean; alsoIds: string[] };
export type QueueMessage = { tone: "info" | "error"; text: string };

export type QueueState = {
  items: QueueItem[];
  skipped: string[];
  /** The server answered "nothing left" for the current exclusions. */
  exhausted: boolean;
  /** Loading the first item failed (nothing to show): the page shows an error with a retry. */
  loadError: string | null;
  /** Fetching more stopped after an error; a retry or a new action resumes it. */
  isFetchPaused: boolean;
  history: HistoryEntry[];
  message: QueueMessage | null;
  /** Group key of the item last labeled or skipped: the next one should be another prompt. */
  lastGroupKey: string | null;
};

export type QueueAction =
  | { type: "fetched"; item: QueueItem | null }
  | { type: "fetchFailed"; error: string }
  | { type: "retry" }
  | { type: "labeled"; key: string; item: QueueItem; alsoIds?: string[] }
  | { type: "labelSaved"; key: string; labelId: string }
  | { type: "labelFailed"; key: string; restore: boolean; text: string }
  | { type: "skipped"; item: QueueItem }
  | { type: "undone"; key: string | null; item: QueueItem | null; text: string }
  | { type: "message"; message: QueueMessage | null };

export const PREFETCH = 2;
const MAX_SKIPPED = 200;

export const initialQueueState: QueueState = { items: [], skipped: [], exhausted: false, loadError: null, isFetchPaused: false, history: [], message: null, lastGroupKey: null };

/** Whether the screen should ask the server for another item now. */
export function needsMore(s: QueueState): boolean {
  return s.items.length < PREFETCH && !s.exhausted && !s.isFetchPaused;
}

/**
 * Ids the server must not hand out again: on screen, prefetched, skipped this session, or labeled
 * this session (a label still in flight leaves the claim in place, and the server would hand the
 * reviewer's own claim back).
 */
export function excludedIds(s: QueueState): string[] {
  const labeled = s.history.flatMap((h) => [h.item.id, ...h.alsoIds]).slice(-MAX_SKIPPED);
  return [...s.items.map((i) => i.id), ...s.skipped, ...labeled];
}

/** Group keys the next item should not share: the items on screen and the one just judged. */
export function avoidedGroupKeys(s: QueueState): string[] {
  return [...new Set([...s.items.map((i) => i.groupKey), s.lastGroupKey].filter((k): k is string => !!k))];
}

function front(items: QueueItem[], item: QueueItem): QueueItem[] {
  return [item, ...items.filter((i) => i.id !== item.id)];
}

export function queueReducer(s: QueueState, a: QueueAction): QueueState {
  switch (a.type) {
    case "fetched":
      if (!a.item) return { ...s, exhausted: true, loadError: null };
      return { ...s, loadError: null, items: s.items.some((i) => i.id === a.item!.id) ? s.items : [...s.items, a.item] };
    case "fetchFailed":
      return s.items.length ? { ...s, isFetchPaused: true, message: { tone: "error", text: `Could not load the next request: ${a.error}` } } : { ...s, isFetchPaused: true, loadError: a.error };
    case "retry":
      return { ...s, isFetchPaused: false, exhausted: false, loadError: null };
    case "labeled": {
      const gone = new Set([a.item.id, ...(a.alsoIds ?? [])]);
      return {
        ...s,
        items: s.items.filter((i) => !gone.has(i.id)),
        history: [...s.history, { key: a.key, item: a.item, labelId: null, pending: true, alsoIds: a.alsoIds ?? [] }],
        lastGroupKey: a.item.groupKey ?? null,
        message: null,
        isFetchPaused: false,
        exhausted: false,
      };
    }
    case "labelSaved":
      return { ...s, history: s.history.map((h) => (h.key === a.key ? { ...h, labelId: a.labelId, pending: false } : h)) };
    case "labelFailed": {
      const entry = s.history.find((h) => h.key === a.key);
      const history = s.history.filter((h) => h.key !== a.key);
      const items = entry && a.restore ? front(s.items, entry.item) : s.items;
      return { ...s, history, items, message: { tone: "error", text: a.text } };
    }
    case "skipped":
      return { ...s, items: s.items.filter((i) => i.id !== a.item.id), skipped: [...s.skipped, a.item.id].slice(-MAX_SKIPPED), lastGroupKey: a.item.groupKey ?? null, message: null, isFetchPaused: false, exhausted: false };
    case "undone":
      return {
        ...s,
        history: a.key ? s.history.filter((h) => h.key !== a.key) : s.history,
        items: a.item ? front(s.items, a.item) : s.items,
        skipped: a.item ? s.skipped.filter((id) => id !== a.item!.id) : s.skipped,
        message: { tone: "info", text: a.text },
      };
    case "message":
      return { ...s, message: a.message };
  }
}
