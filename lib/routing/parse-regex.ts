/**
 * A small parser for the RE2 pattern syntax, used only to inspect a pattern's SHAPE at save time
 * (nested quantifiers, ambiguous alternations). It assumes the pattern already compiled with
 * re2js, so it is lenient: anything it does not model becomes an opaque one-character atom.
 */

export type RegexAtom =
  | { kind: "char"; source: string; literal?: string }
  | { kind: "anchor"; source: string }
  | { kind: "group"; body: RegexAlt };

/** One quantified atom; `start`/`end` locate it (quantifier included) in the pattern. */
export type RegexItem = { atom: RegexAtom; min: number; max: number; start: number; end: number };
export type RegexSeq = RegexItem[];
export type RegexAlt = { branches: RegexSeq[] };

const REPEAT = /^\{(\d+)(,(\d*))?\}\??/;

class Cursor {
  pos = 0;
  constructor(readonly src: string) {}
  peek(offset = 0): string {
    return this.src[this.pos + offset] ?? "";
  }
  done(): boolean {
    return this.pos >= this.src.length;
  }
}

export function parseRegex(pattern: string): RegexAlt {
  return parseAlt(new Cursor(pattern));
}

function parseAlt(c: Cursor): RegexAlt {
  const branches: RegexSeq[] = [[]];
  while (!c.done() && c.peek() !== ")") {
    if (c.peek() === "|") {
      c.pos++;
      branches.push([]);
      continue;
    }
    const start = c.pos;
    const atom = parseAtom(c);
    if (atom) branches[branches.length - 1].push(withQuantifier(c, atom, start));
  }
  return { branches };
}

function withQuantifier(c: Cursor, atom: RegexAtom, start: number): RegexItem {
  const ch = c.peek();
  let min = 1;
  let max = 1;
  if (ch === "*" || ch === "+" || ch === "?") {
    c.pos++;
    [min, max] = ch === "*" ? [0, Infinity] : ch === "+" ? [1, Infinity] : [0, 1];
    if (c.peek() === "?") c.pos++;
  } else if (ch === "{") {
    const m = REPEAT.exec(c.src.slice(c.pos));
    if (m) {
      c.pos += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
    }
  }
  return { atom, min, max, start, end: c.pos };
}

function parseAtom(c: Cursor): RegexAtom | null {
  const ch = c.peek();
  if (ch === "(") return parseGroup(c);
  if (ch === "[") return parseClass(c);
  if (ch === "\\") return parseEscape(c);
  c.pos++;
  if (ch === "^" || ch === "$") return { kind: "anchor", source: ch };
  if (ch === ".") return { kind: "char", source: "." };
  return { kind: "char", source: escapeLiteral(ch), literal: ch };
}

function parseGroup(c: Cursor): RegexAtom | null {
  c.pos++; // (
  if (c.peek() === "?") {
    const rest = c.src.slice(c.pos);
    const named = /^\?P?<[^>]*>/.exec(rest);
    const flags = /^\?[a-zA-Z-]*(:|\))/.exec(rest);
    if (named) c.pos += named[0].length;
    else if (flags) {
      c.pos += flags[0].length;
      if (flags[1] === ")") return null; // a flag-only group such as (?i)
    }
  }
  const body = parseAlt(c);
  if (c.peek() === ")") c.pos++;
  return { kind: "group", body };
}

function parseClass(c: Cursor): RegexAtom {
  const start = c.pos;
  c.pos++; // [
  if (c.peek() === "^") c.pos++;
  if (c.peek() === "]") c.pos++;
  while (!c.done() && c.peek() !== "]") {
    if (c.peek() === "\\") c.pos += 2;
    else if (c.peek() === "[" && c.peek(1) === ":") {
      const end = c.src.indexOf(":]", c.pos + 2);
      c.pos = end < 0 ? c.pos + 1 : end + 2;
    } else c.pos++;
  }
  c.pos++; // ]
  return { kind: "char", source: c.src.slice(start, c.pos) };
}

function parseEscape(c: Cursor): RegexAtom {
  const start = c.pos;
  const next = c.peek(1);
  c.pos += 2;
  if (next === "Q") return parseQuoted(c);
  if ((next === "p" || next === "P" || next === "x") && c.peek() === "{") {
    const end = c.src.indexOf("}", c.pos);
    c.pos = end < 0 ? c.src.length : end + 1;
  } else if (next === "x") c.pos += 2;
  const source = c.src.slice(start, c.pos);
  if ("bBAzZ".includes(next)) return { kind: "anchor", source };
  const literal = /[^a-zA-Z0-9]/.test(next) ? next : undefined;
  return { kind: "char", source, literal };
}

/** `\Q...\E` quotes a literal string: model it as a group of literal characters. */
function parseQuoted(c: Cursor): RegexAtom {
  const end = c.src.indexOf("\\E", c.pos);
  const text = c.src.slice(c.pos, end < 0 ? undefined : end);
  c.pos = end < 0 ? c.src.length : end + 2;
  const seq: RegexSeq = [...text].map((ch) => ({
    atom: { kind: "char", source: escapeLiteral(ch), literal: ch },
    min: 1,
    max: 1,
    start: c.pos,
    end: c.pos,
  }));
  return { kind: "group", body: { branches: [seq] } };
}

function escapeLiteral(ch: string): string {
  return /[\\^$.|?*+()[\]{}]/.test(ch) ? `\\${ch}` : ch;
}
