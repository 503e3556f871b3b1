import { describe, expect, it } from "vitest";
import { isTypingTarget, keyAction } from "./labeling-keys";

describe("keyAction", () => {
  it("maps 1/2/3 to verdicts, n/→ to next, s to skip, u and Ctrl+Z to undo, / to the note", () => {
    expect(keyAction({ key: "1" })).toEqual({ type: "verdict", verdict: "correct" });
    expect(keyAction({ key: "2" })).toEqual({ type: "verdict", verdict: "should-be-cheaper" });
    expect(keyAction({ key: "3" })).toEqual({ type: "verdict", verdict: "should-be-more-capable" });
    expect(keyAction({ key: "n" })).toEqual({ type: "next" });
    expect(keyAction({ key: "ArrowRight" })).toEqual({ type: "next" });
    expect(keyAction({ key: "s" })).toEqual({ type: "skip" });
    expect(keyAction({ key: "u" })).toEqual({ type: "undo" });
    expect(keyAction({ key: "z", ctrlKey: true })).toEqual({ type: "undo" });
    expect(keyAction({ key: "/" })).toEqual({ type: "note" });
  });

  it("picks a tier with digits while choosing one, and Esc cancels", () => {
    expect(keyAction({ key: "2" }, 3)).toEqual({ type: "tier", index: 1 });
    expect(keyAction({ key: "4" }, 3)).toBeNull();
    expect(keyAction({ key: "Escape" }, 2)).toEqual({ type: "cancel" });
    expect(keyAction({ key: "n" }, 2)).toEqual({ type: "next" });
  });

  it("ignores other keys and modifier combinations that belong to the browser", () => {
    expect(keyAction({ key: "4" })).toBeNull();
    expect(keyAction({ key: "Escape" })).toBeNull();
    expect(keyAction({ key: "1", ctrlKey: true })).toBeNull();
    expect(keyAction({ key: "n", metaKey: true })).toBeNull();
    expect(keyAction({ key: "s", altKey: true })).toBeNull();
  });
});

describe("isTypingTarget", () => {
  const el = (tagName: string, extra: Record<string, unknown> = {}) => ({ tagName, isContentEditable: false, ...extra }) as unknown as EventTarget;
  it("treats text fields, selects and editable content as typing, buttons and checkboxes not", () => {
    expect(isTypingTarget(el("TEXTAREA"))).toBe(true);
    expect(isTypingTarget(el("INPUT", { type: "text" }))).toBe(true);
    expect(isTypingTarget(el("SELECT"))).toBe(true);
    expect(isTypingTarget(el("DIV", { isContentEditable: true }))).toBe(true);
    expect(isTypingTarget(el("INPUT", { type: "checkbox" }))).toBe(false);
    expect(isTypingTarget(el("BUTTON"))).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
