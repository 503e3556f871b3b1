/**
 * The readable part of an audit entry: the fields that differ between before and after, as
 * dotted paths ("escalation.minConfidence"). Arrays compare whole (a rule list, a tier order)
 * unless both are lists of named objects, then by name ("rules[long-context].enabled").
 */
import { canonicalJson } from "../routing/canonical-json";

export type AuditChange = { path: string; before: unknown; after: unknown };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export { canonicalJson };

const named = (list: unknown[]) => list.every((x) => isObject(x) && typeof x.name === "string");

function walk(path: string, before: unknown, after: unknown, out: AuditChange[]) {
  if (canonicalJson(before) === canonicalJson(after)) return;
  const absent = (v: unknown) => v === null || v === undefined;
  if ((isObject(before) || absent(before)) && (isObject(after) || absent(after)) && (isObject(before) || isObject(after))) {
    const [b, a] = [isObject(before) ? before : {}, isObject(after) ? after : {}];
    for (const key of [...new Set([...Object.keys(b), ...Object.keys(a)])].sort()) {
      walk(path ? `${path}.${key}` : key, b[key], a[key], out);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && named(before) && named(after)) {
    const byName = (list: unknown[]) => new Map(list.map((x) => [(x as { name: string }).name, x]));
    const [b, a] = [byName(before), byName(after)];
    const names = [...new Set([...b.keys(), ...a.keys()])];
    for (const name of names) walk(`${path}[${name}]`, b.get(name), a.get(name), out);
    const order = (list: unknown[]) => list.map((x) => (x as { name: string }).name);
    if (canonicalJson(order(before)) !== canonicalJson(order(after))) out.push({ path: `${path} (order)`, before: order(before), after: order(after) });
    return;
  }
  out.push({ path: path || "(value)", before: before ?? null, after: after ?? null });
}

export function diffAudit(before: unknown, after: unknown): AuditChange[] {
  const out: AuditChange[] = [];
  walk("", before ?? null, after ?? null, out);
  return out;
}
