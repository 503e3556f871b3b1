/**
 * What JSON.parse accepts but the gateway refuses, found in the parsed body (never a second pass
 * over the text):
 * - the keys `__proto__` and `constructor`, at any depth and however they are spelled (JSON
 *   escapes included): merged or spread into objects later they can reach a prototype;
 * - unpaired UTF-16 surrogates ("\ud800" as a JSON escape: strict UTF-8 cannot carry one, an
 *   escape can) in any string or key: upstreams and Postgres' jsonb refuse them;
 * - nesting deeper than MAX_DEPTH: JSON.stringify of the upstream body would overflow the stack.
 * One recursive walk over the parsed value, bounded by MAX_DEPTH; strings are only checked when
 * the text holds a surrogate escape at all (`mayHoldSurrogates`).
 */
export const MAX_JSON_DEPTH = 64;

export type UnsafeJson = { problem: "forbidden-key" | "lone-surrogate" | "too-deep"; path: Array<string | number>; key?: string };

const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/** True when the JSON text has a \uD800–\uDFFF escape (or a literal "\\ud8…": a false positive only costs the string checks). */
export function mayHoldSurrogates(text: string): boolean {
  return SURROGATE_ESCAPE.test(text);
}

export function findUnsafeJson(value: unknown, checkStrings: boolean): UnsafeJson | null {
  return walk(value, checkStrings, 0);
}

function walk(value: unknown, checkStrings: boolean, depth: number): UnsafeJson | null {
  if (typeof value === "string") return checkStrings && !value.isWellFormed() ? { problem: "lone-surrogate", path: [] } : null;
  if (value === null || typeof value !== "object") return null;
  if (depth >= MAX_JSON_DEPTH) return { problem: "too-deep", path: [] };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = walk(value[i], checkStrings, depth + 1);
      if (found) {
        found.path.unshift(i);
        return found;
      }
    }
    return null;
  }
  for (const key in value) {
    if (key === "__proto__" || key === "constructor") return { problem: "forbidden-key", path: [key], key };
    if (checkStrings && !key.isWellFormed()) return { problem: "lone-surrogate", path: [key] };
    const found = walk((value as Record<string, unknown>)[key], checkStrings, depth + 1);
    if (found) {
      found.path.unshift(key);
      return found;
    }
  }
  return null;
}

/** The 400's message for a finding (the path also goes into `param`). */
export function unsafeJsonMessage(found: UnsafeJson, path: string): string {
  switch (found.problem) {
    case "forbidden-key":
      return `Invalid request: the key '${found.key}' is not allowed (at ${path}).`;
    case "lone-surrogate":
      return `Invalid request: ${path} holds an unpaired UTF-16 surrogate (a \\uD800–\\uDFFF escape without its pair); send well-formed Unicode.`;
    case "too-deep":
      return `Invalid request: the body nests deeper than ${MAX_JSON_DEPTH} levels (at ${path}).`;
  }
}
