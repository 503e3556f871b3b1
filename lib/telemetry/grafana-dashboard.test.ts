/**
 * The shipped Grafana dashboard (ops/grafana/frontdesk-dashboard.json) parses, is laid out as
 * Grafana expects, and queries only metrics this process exports.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GatewayMetrics } from "./gateway-metrics";

const ROOT = path.resolve(import.meta.dirname, "../..");
const dashboard = JSON.parse(readFileSync(path.join(ROOT, "ops/grafana/frontdesk-dashboard.json"), "utf8")) as {
  uid: string;
  schemaVersion: number;
  templating: { list: Array<{ name: string; query?: string | { query: string } }> };
  panels: Array<{ id: number; type: string; title: string; gridPos: { x: number; y: number; w: number; h: number }; targets?: Array<{ expr: string; refId: string }> }>;
};

/** Metric names in PromQL: identifiers followed by `{`, `[`, `)` or `,`, that are not functions or keywords. */
function metricNames(expr: string): string[] {
  const withoutStrings = expr.replace(/"[^"]*"/g, '""');
  return [...withoutStrings.matchAll(/\b((?:frontdesk|process|nodejs)_[a-z0-9_]+)\b/g)].map((m) => m[1]!);
}

/** A histogram's series names carry _bucket/_sum/_count. */
const family = (name: string) => name.replace(/_(bucket|sum|count)$/, "");

describe("ops/grafana/frontdesk-dashboard.json", () => {
  it("is a dashboard Grafana can import: uid, schema version, unique panel ids, panels on the 24-column grid", () => {
    expect(dashboard.uid).toMatch(/^[a-z0-9-]{1,40}$/);
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of dashboard.panels) {
      expect(p.gridPos.x + p.gridPos.w, p.title).toBeLessThanOrEqual(24);
      if (p.type !== "row") expect(p.targets?.length, p.title).toBeGreaterThan(0);
      for (const t of p.targets ?? []) expect(t.refId).toMatch(/^[A-Z]$/);
    }
  });

  it("queries only metrics we export, and every request metric is on it", async () => {
    const exported = new Set(
      (await new GatewayMetrics().metrics())
        .split("\n")
        .filter((l) => l.startsWith("# TYPE "))
        .map((l) => l.split(" ")[2]!),
    );
    const queries = [...dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr)), ...dashboard.templating.list.map((v) => (typeof v.query === "object" ? v.query.query : "")).filter((q) => q.includes("("))];
    const used = new Set(queries.flatMap(metricNames).map(family));
    expect(used.size).toBeGreaterThan(10);
    for (const name of used) expect(exported, `${name} is queried by the dashboard`).toContain(name);
    for (const name of exported) if (name.startsWith("frontdesk_")) expect(used, `${name} is on the dashboard`).toContain(name);
  });
});
