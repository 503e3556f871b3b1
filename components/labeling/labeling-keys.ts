/**
 * The labeling screen's keyboard: one pure function from a key press to an action, so the map
 * is testable and the legend and the handler cannot disagree. Shortcuts never fire while the
 * reviewer types (note field, selects) or with Alt/Meta held; Ctrl only for Ctrl+Z.
 */
import type { Verdict } from "@/lib/labeling/labeling-schemas";

export type KeyAction =
  | { type: "verdict"; verdict: Verdict }
  | { type: "tier"; index: number }
  | { type: "next" }
  | { type: "skip" }
  | { type: "undo" }
  | { type: "note" }
  | { type: "cancel" };

export type KeyPress = { key: string; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean };

const VERDICT_KEYS: Record<string, Verdict> = { "1": "correct", "2": "should-be-cheaper", "3": "should-be-more-capable" };

/** `tierChoices` > 0: the reviewer is picking the right tier; digits 1…n pick one. */
export function keyAction(e: KeyPress, tierChoices = 0): KeyAction | null {
  if (e.altKey || e.metaKey) return null;
  if (e.ctrlKey) return e.key === "z" || e.key === "Z" ? { type: "undo" } : null;
  if (tierChoices > 0) {
    const n = Number(e.key);
    if (Number.isInteger(n) && n >= 1 && n <= tierChoices) return { type: "tier", index: n - 1 };
    if (e.key === "Escape") return { type: "cancel" };
  } else if (VERDICT_KEYS[e.key]) {
    return { type: "verdict", verdict: VERDICT_KEYS[e.key]! };
  }
  switch (e.key) {
    case "n":
    case "N":
    case "ArrowRight":
      return { type: "next" };
    case "s":
    case "S":
      return { type: "skip" };
    case "u":
    case "U":
      return { type: "undo" };
    case "/":
      return { type: "note" };
    default:
      return null;
  }
}

/** True for elements where keys are text: inputs, text areas, selects, editable content. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).tagName !== "string") return false;
  const el = target as HTMLElement;
  const tag = el.tagName.toLowerCase();
  if (tag === "textarea" || tag === "select" || el.isContentEditable) return true;
  if (tag !== "input") return false;
  const type = (el as HTMLInputElement).type;
  return !["checkbox", "radio", "button", "submit", "reset", "range", "color", "file"].includes(type);
}

export const LEGEND: ReadonlyArray<{ keys: string[]; label: string }> = [
  { keys: ["1"], label: "Correct" },
  { keys: ["2"], label: "Should be cheaper" },
  { keys: ["3"], label: "Should be more capable" },
  { keys: ["1…9"], label: "then the right tier (Esc cancels)" },
  { keys: ["n", "→"], label: "Save and next" },
  { keys: ["s"], label: "Skip" },
  { keys: ["u", "Ctrl+Z"], label: "Undo last label" },
  { keys: ["/"], label: "Write a note (Esc leaves it, Ctrl+Enter saves and returns to the verdicts)" },
];
