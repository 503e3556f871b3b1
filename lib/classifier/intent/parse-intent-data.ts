/**
 * Intent data sets from their text (no I/O here): CLINC150's data_full.json
 * ({train, val, test, oos_train, oos_val, oos_test}: [text, intent] pairs; out-of-scope
 * examples are labeled "oos"), its domains.json ({domain: [intent, ...]}), and CSV files with a
 * `text,category` header (Banking77; RFC 4180 quoting).
 */
import type { IntentExample } from "./types";

export type IntentSplits = { train: IntentExample[]; val: IntentExample[] | null; test: IntentExample[] };

type Pair = [string, string];

function pairs(value: unknown, key: string): IntentExample[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Error(`${key}: expected an array of [text, intent] pairs`);
  return value.map((p: unknown, i) => {
    if (!Array.isArray(p) || typeof p[0] !== "string" || typeof p[1] !== "string") throw new Error(`${key}[${i}]: expected [text, intent]`);
    const [text, intent] = p as Pair;
    return { text, intent };
  });
}

/** CLINC150-format JSON: in-scope and out-of-scope splits joined per split. */
export function parseClincJson(text: string): IntentSplits {
  const data = JSON.parse(text) as Record<string, unknown>;
  if (!data || typeof data !== "object" || !("train" in data)) throw new Error("expected a JSON object with a train split");
  const val = [...pairs(data.val, "val"), ...pairs(data.oos_val, "oos_val")];
  return {
    train: [...pairs(data.train, "train"), ...pairs(data.oos_train, "oos_train")],
    val: val.length ? val : null,
    test: [...pairs(data.test, "test"), ...pairs(data.oos_test, "oos_test")],
  };
}

/** domains.json ({domain: [intent, ...]}) → intent → domain. */
export function parseDomains(text: string): Record<string, string> {
  const data = JSON.parse(text) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const [domain, intents] of Object.entries(data)) {
    if (!Array.isArray(intents)) throw new Error(`domains.json: ${domain} is not a list`);
    for (const intent of intents) if (typeof intent === "string") out[intent] = domain;
  }
  return out;
}

/** A CSV with a header naming a text column ("text") and a label column ("category" or "intent"). */
export function parseIntentCsv(text: string): IntentExample[] {
  const rows = parseCsv(text);
  const header = rows.shift()?.map((h) => h.trim().toLowerCase()) ?? [];
  const t = header.indexOf("text");
  const c = header.indexOf("category") >= 0 ? header.indexOf("category") : header.indexOf("intent");
  if (t < 0 || c < 0) throw new Error('CSV needs a header with "text" and "category" (or "intent") columns');
  return rows.filter((r) => r.length > Math.max(t, c) && r[t] !== "").map((r) => ({ text: r[t], intent: r[c].trim() }));
}

/** RFC 4180: fields separated by commas, optionally quoted with "" escaping; CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ""));
}
