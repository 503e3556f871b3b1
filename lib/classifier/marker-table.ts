/**
 * An open-addressing hash table from word/phrase hash to a bitmask of markers: the lookup in
 * the scanner's inner loop is a few integer operations, with no string allocation.
 */
import { GREETINGS, hashPhrase, hashWord, MARKER_NAMES, MARKER_PHRASES } from "./content-markers";

const SIZE = 2048;
const MASK = SIZE - 1;

export type MarkerTable = { keys: Int32Array; values: Int32Array; greetings: Int32Array };

function insert(table: MarkerTable, hash: number, bit: number): void {
  const key = hash === 0 ? 1 : hash;
  let slot = (key ^ (key >>> 11)) & MASK;
  while (table.keys[slot] !== 0 && table.keys[slot] !== key) slot = (slot + 1) & MASK;
  table.keys[slot] = key;
  table.values[slot] |= bit;
}

/** Bitmask of the markers whose phrase hashes to `hash` (0 if none). */
export function lookupMarkers(table: MarkerTable, hash: number): number {
  const key = hash === 0 ? 1 : hash;
  let slot = (key ^ (key >>> 11)) & MASK;
  for (;;) {
    const k = table.keys[slot];
    if (k === key) return table.values[slot];
    if (k === 0) return 0;
    slot = (slot + 1) & MASK;
  }
}

function buildTable(): MarkerTable {
  const table: MarkerTable = { keys: new Int32Array(SIZE), values: new Int32Array(SIZE), greetings: new Int32Array(GREETINGS.length) };
  MARKER_NAMES.forEach((name, i) => {
    if (name === "smallTalk") return;
    for (const phrase of MARKER_PHRASES[name]) insert(table, hashPhrase(phrase), 1 << i);
  });
  GREETINGS.forEach((g, i) => (table.greetings[i] = hashWord(g)));
  return table;
}

export const MARKER_TABLE: MarkerTable = buildTable();
