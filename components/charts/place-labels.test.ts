import { describe, expect, it } from "vitest";
import { placeLabels, type LabelMark, type LabelPlacement } from "./place-labels";

const frame = { width: 400, height: 200, xDomain: [0, 10] as [number, number], yDomain: [0, 1] as [number, number] };
const mark = (x: number, y: number, label: string): LabelMark => ({ x, y, label, radius: 5, fontSize: 11 });

/** The text's box in plot pixels from where it was placed (its anchor and vertical middle), the width estimated as in place-labels.ts. */
function boxes(marks: LabelMark[], placements: LabelPlacement[]) {
  return marks.map((m, i) => {
    const p = placements[i]!;
    const x = (m.x / 10) * 400 + p.dx;
    const y = (1 - m.y) * 200 + p.dy;
    const w = m.label.length * 6.6;
    const x0 = p.anchor === "start" ? x : p.anchor === "end" ? x - w : x - w / 2;
    return [x0, y - 6.6, x0 + w, y + 6.6];
  });
}

const intersects = (a: number[], b: number[]) => a[0]! < b[2]! && b[0]! < a[2]! && a[1]! < b[3]! && b[1]! < a[3]!;

describe("placeLabels", () => {
  it("keeps a lone label above its dot", () => {
    expect(placeLabels([mark(5, 0.5, "0.62")], frame)).toEqual([{ side: "top", dx: 0, dy: -16.6, anchor: "middle" }]);
  });

  it("moves labels that would sit on one another (the slider's marks crowd into the top band once y starts at 0)", () => {
    const marks = [mark(7.9, 0.87, "0.62"), mark(7.6, 0.86, "saved 0.50"), mark(9.26, 0.92, "always capable"), mark(1, 0.62, "always fast"), mark(7.7, 0.8, "measured")];
    const placed = placeLabels(marks, frame);
    const b = boxes(marks, placed);
    const sides = placed.map((p) => p.side).join(",");
    for (let i = 0; i < b.length; i++) for (let k = i + 1; k < b.length; k++) expect(intersects(b[i]!, b[k]!), `${marks[i]!.label} / ${marks[k]!.label}: ${sides}`).toBe(false);
    for (const box of b) expect(box[0]! >= 0 && box[2]! <= 400 && box[1]! >= 0 && box[3]! <= 200, `${sides}: ${box}`).toBe(true);
  });

  it("keeps labels inside the plot at its edges", () => {
    const [top, bottom] = placeLabels([mark(10, 1, "always capable"), mark(0, 0.1, "always fast")], frame);
    expect(top!.side).toMatch(/bottom|left/);
    expect(bottom!.side).toMatch(/top|right/);
  });

  it("gives an empty label no room", () => {
    expect(placeLabels([mark(5, 0.5, ""), mark(5, 0.5, "0.50")], frame).map((p) => p.side)).toEqual(["top", "top"]);
  });
});
