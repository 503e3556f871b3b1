/**
 * Content features of a request: its text and shape (length, sentences, questions,
 * sub-questions, list/explain/compare asks, code, math, multi-turn depth, complaint and urgency
 * markers). One pass over at most 2,400 characters (scan-text.ts), no regex, so the cost is
 * bounded whatever the prompt's length. Used by the heuristic scorer and as dense features of the model.
 */
import { MARKER_NAMES, type MarkerName } from "./content-markers";
import { requestText, type RequestText } from "./request-text";
import { scanText, type TextScan, type WordHashes } from "./scan-text";
import type { ClassifierInput } from "./types";

export type ContentFeatures = {
  /** characters of the last user turn */
  chars: number;
  words: number;
  lines: number;
  sentences: number;
  /** question marks */
  questions: number;
  /** questions beyond the first plus questions on enumerated lines */
  subQuestions: number;
  /** lines that start like a list item (1. a) - * •) */
  listItems: number;
  /** ``` fenced blocks */
  codeBlocks: number;
  /** share of characters that are code punctuation ({}();=<>[]_) */
  codeSymbolRate: number;
  /** share of characters that are digits or math operators */
  mathSymbolRate: number;
  /** LaTeX commands and $ signs */
  latex: number;
  userTurns: number;
  assistantTurns: number;
  systemChars: number;
} & Record<MarkerName, number>;

/** Content features of a plain text (treated as one user turn). */
export function textContentFeatures(text: string): ContentFeatures {
  return contentFeatures({ messages: [{ role: "user", content: text }] });
}

/** Content features of a request: the last user turn's text plus the conversation's shape. */
export function contentFeatures(input: ClassifierInput, words?: WordHashes): ContentFeatures {
  const req = requestText(input);
  return featuresFromScan(req, scanText(req.lastUser, words));
}

/** Assembles the features from a scan of the last user turn and the conversation's shape. */
export function featuresFromScan(req: RequestText, scan: TextScan): ContentFeatures {
  const n = Math.max(1, scan.scannedChars);
  const scale = scan.chars / n;
  const f = {
    chars: req.lastUser.length,
    words: Math.round(scan.words * scale),
    lines: Math.round(scan.lines * scale),
    sentences: Math.round(scan.sentences * scale),
    questions: scan.questions,
    subQuestions: Math.max(0, scan.questions - 1) + scan.enumeratedQuestions,
    listItems: scan.listItems,
    codeBlocks: Math.ceil(scan.codeFences / 2),
    codeSymbolRate: scan.codeSymbols / n,
    mathSymbolRate: scan.mathSymbols / n,
    latex: scan.latex,
    userTurns: req.userTurns,
    assistantTurns: req.assistantTurns,
    systemChars: req.systemChars,
  } as ContentFeatures;
  for (let i = 0; i < MARKER_NAMES.length; i++) f[MARKER_NAMES[i]!] = scan.markers[i]!;
  f.urgency += scan.exclamationRuns;
  return f;
}

/** Names of the dense feature vector, in order (stable: the model artifact stores them). */
export const CONTENT_FEATURE_NAMES = [
  "log_chars", "log_words", "log_lines", "log_sentences", "log_questions", "log_sub_questions",
  "log_list_items", "has_code_block", "code_symbol_rate", "math_symbol_rate", "log_latex", "log_user_turns",
  "log_assistant_turns", "log_system_chars",
  ...MARKER_NAMES.map((m) => `log_${m}`),
] as const;

/** Dense, roughly unit-scaled vector of the features (log1p of counts, rates as they are). */
export function contentFeatureVector(f: ContentFeatures): number[] {
  const l = Math.log1p;
  const v = [
    l(f.chars) / 8, l(f.words) / 6, l(f.lines) / 3, l(f.sentences) / 3, l(f.questions) / 2,
    l(f.subQuestions) / 2, l(f.listItems) / 2, f.codeBlocks > 0 ? 1 : 0, f.codeSymbolRate * 10,
    f.mathSymbolRate * 5, l(f.latex) / 2, l(f.userTurns), l(f.assistantTurns), l(f.systemChars) / 8,
  ];
  for (let i = 0; i < MARKER_NAMES.length; i++) v.push(l(f[MARKER_NAMES[i]!]) / 2); // no mapped copy to spread: it runs per prediction
  return v;
}
