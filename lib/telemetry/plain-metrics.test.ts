import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { parsePrometheusText, sampleValue } from "../testing/prometheus-text";
import { PlainCounter, PlainHistogram } from "./plain-metrics";

describe("plain-object metrics in a prom-client Registry", () => {
  it("histogram: a value on a bound counts in that bucket, buckets are cumulative, past the last only in +Inf", async () => {
    const registry = new Registry();
    const h = new PlainHistogram("x_seconds", "help", ["tier"], [0.1, 1], registry);
    const fast = h.child("fast");
    for (const v of [0.05, 0.1, 0.5, 7]) fast.observe(v);
    const s = parsePrometheusText(await registry.metrics());
    expect(sampleValue(s, "x_seconds_bucket", { tier: "fast", le: "0.1" })).toBe(2);
    expect(sampleValue(s, "x_seconds_bucket", { tier: "fast", le: "1" })).toBe(3);
    expect(sampleValue(s, "x_seconds_bucket", { tier: "fast", le: "+Inf" })).toBe(4);
    expect(sampleValue(s, "x_seconds_count", { tier: "fast" })).toBe(4);
    expect(sampleValue(s, "x_seconds_sum", { tier: "fast" })).toBeCloseTo(7.65);
    expect(await registry.metrics()).toContain("# TYPE x_seconds histogram");
  });

  it("counter: one child per label set, label values escaped, reset forgets the children", async () => {
    const registry = new Registry();
    const c = new PlainCounter("y_total", "help", ["policy", "tier"], registry);
    expect(c.child("a", "b")).toBe(c.child("a", "b"));
    expect(c.child("a", "b")).not.toBe(c.child("a\u0000b", ""));
    c.child("a", "b").inc(2);
    c.child('q"uote', "t").inc();
    let s = parsePrometheusText(await registry.metrics());
    expect(sampleValue(s, "y_total", { policy: "a", tier: "b" })).toBe(2);
    expect(sampleValue(s, "y_total", { policy: 'q"uote' })).toBe(1);
    expect(() => c.child("only-one")).toThrow(/2 label values/);
    registry.resetMetrics();
    s = parsePrometheusText(await registry.metrics());
    expect(s.filter((x) => x.name === "y_total")).toHaveLength(0);
  });
});
