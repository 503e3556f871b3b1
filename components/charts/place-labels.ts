/**
 * Where each point label of a small scatter goes (above, below, left or right of its dot) so the
 * labels neither overlap each other nor the other dots, nor leave the plot: greedy, in the
 * order given (the most important first), in an estimated pixel space of the plot. Recharts
 * places a ReferenceDot's label at one fixed side; with both axes from zero the slider's marks
 * crowd into the top band, where fixed sides collided ("saved 0.50" over "always capable").
 */
export type LabelSide = "top" | "bottom" | "left" | "right";
export type LabelMark = { x: number; y: number; label: string; radius: number; fontSize: number };
/** Where the text goes, relative to its dot's centre: `dx`, `dy` (the text's vertical middle) and its anchor. */
export type LabelPlacement = { side: LabelSide; dx: number; dy: number; anchor: "start" | "middle" | "end" };
type Box = { x0: number; y0: number; x1: number; y1: number };

// Preferred first: right above the dot, then beside it, then further away (a row up or down).
const CANDIDATES: ReadonlyArray<{ side: LabelSide; row: number }> = [
  { side: "top", row: 0 },
  { side: "right", row: 0 },
  { side: "bottom", row: 0 },
  { side: "left", row: 0 },
  { side: "left", row: 1 },
  { side: "right", row: 1 },
  { side: "left", row: -1 },
  { side: "right", row: -1 },
  { side: "bottom", row: 1 },
  { side: "top", row: -1 },
  { side: "bottom", row: 2 },
  { side: "left", row: 2 },
  { side: "left", row: -2 },
];
const GAP = 5; // Recharts' default label offset

/** The plot's size in pixels (estimated: the chart is responsive) and its data domains. */
export type PlotFrame = { width: number; height: number; xDomain: [number, number]; yDomain: [number, number] };

function toPixels(mark: LabelMark, frame: PlotFrame) {
  const [x0, x1] = frame.xDomain;
  const [y0, y1] = frame.yDomain;
  return { px: ((mark.x - x0) / (x1 - x0 || 1)) * frame.width, py: (1 - (mark.y - y0) / (y1 - y0 || 1)) * frame.height };
}

/** The label's box relative to the dot's centre; `row` moves it by whole text lines (down for positive). */
function relativeBox(mark: LabelMark, side: LabelSide, row: number): Box {
  const w = mark.label.length * mark.fontSize * 0.6;
  const h = mark.fontSize * 1.2;
  const d = mark.radius + GAP;
  const shift = row * h;
  if (side === "top") return { x0: -w / 2, y0: -d - h + shift, x1: w / 2, y1: -d + shift };
  if (side === "bottom") return { x0: -w / 2, y0: d + shift, x1: w / 2, y1: d + h + shift };
  if (side === "left") return { x0: -d - w, y0: -h / 2 + shift, x1: -d, y1: h / 2 + shift };
  return { x0: d, y0: -h / 2 + shift, x1: d + w, y1: h / 2 + shift };
}

const moved = (b: Box, px: number, py: number): Box => ({ x0: b.x0 + px, y0: b.y0 + py, x1: b.x1 + px, y1: b.y1 + py });

function placement(side: LabelSide, box: Box): LabelPlacement {
  const dy = (box.y0 + box.y1) / 2;
  if (side === "left") return { side, dx: box.x1, dy, anchor: "end" };
  if (side === "right") return { side, dx: box.x0, dy, anchor: "start" };
  return { side, dx: 0, dy, anchor: "middle" };
}

function overlap(a: Box, b: Box): number {
  return Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) * Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
}

function outside(box: Box, frame: PlotFrame): number {
  const inside: Box = { x0: 0, y0: 0, x1: frame.width, y1: frame.height };
  return (box.x1 - box.x0) * (box.y1 - box.y0) - overlap(box, inside);
}

/** One placement per mark, in the marks' order; an empty label goes on top and takes no room. */
export function placeLabels(marks: readonly LabelMark[], frame: PlotFrame): LabelPlacement[] {
  const pixels = marks.map((m) => toPixels(m, frame));
  const dots: Box[] = marks.map((m, i) => ({ x0: pixels[i]!.px - m.radius, y0: pixels[i]!.py - m.radius, x1: pixels[i]!.px + m.radius, y1: pixels[i]!.py + m.radius }));
  const placed: Box[] = [];
  return marks.map((mark, i) => {
    const { px, py } = pixels[i]!;
    if (!mark.label) return placement("top", relativeBox(mark, "top", 0));
    let best: { side: LabelSide; cost: number; rel: Box; box: Box } | null = null;
    for (const { side, row } of CANDIDATES) {
      const rel = relativeBox(mark, side, row);
      const box = moved(rel, px, py);
      const cost = placed.reduce((sum, p) => sum + overlap(box, p), 0) * 2 + dots.reduce((sum, d, k) => sum + (k === i ? 0 : overlap(box, d)), 0) + outside(box, frame) * 3;
      if (!best || cost < best.cost) best = { side, cost, rel, box };
      if (cost === 0) break;
    }
    placed.push(best!.box);
    return placement(best!.side, best!.rel);
  });
}
