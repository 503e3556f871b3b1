import { ROOT_CONTEXT, SpanKind, trace } from "@opentelemetry/api";
import { SamplingDecision } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { parseOtlpHeaders, samplerFrom, tracesUrl } from "./tracing";

describe("tracesUrl", () => {
  it("is off without an endpoint, appends /v1/traces to the base one, takes the traces one as is", () => {
    expect(tracesUrl({})).toBeNull();
    expect(tracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" })).toBe("http://collector:4318/v1/traces");
    expect(tracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/otlp/" })).toBe("http://collector:4318/otlp/v1/traces");
    expect(tracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://a:4318", OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://b/custom" })).toBe("http://b/custom");
  });
});

describe("parseOtlpHeaders", () => {
  it("reads key=value pairs, URL-decoded, names lower-cased, malformed items skipped", () => {
    expect(parseOtlpHeaders("")).toEqual({});
    expect(parseOtlpHeaders("Authorization=Bearer%20abc, x-team = ops ,broken,=nokey,pct=%E0%A4%A")).toEqual({ authorization: "Bearer abc", "x-team": "ops", pct: "%E0%A4%A" });
    expect(parseOtlpHeaders("a=b=c")).toEqual({ a: "b=c" });
  });
});

describe("samplerFrom", () => {
  const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
  const decide = (env: Parameters<typeof samplerFrom>[0], parentSampled?: boolean) => {
    const parent = parentSampled === undefined ? ROOT_CONTEXT : trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId: "00f067aa0ba902b7", traceFlags: parentSampled ? 1 : 0, isRemote: true });
    return samplerFrom(env).shouldSample(parent, traceId, "x", SpanKind.SERVER, {}, []).decision;
  };
  const ON = SamplingDecision.RECORD_AND_SAMPLED;
  const OFF = SamplingDecision.NOT_RECORD;

  it("defaults to parent-based always-on: a root is sampled, a client's unsampled trace is not", () => {
    expect(decide({ OTEL_TRACES_SAMPLER: "parentbased_always_on" })).toBe(ON);
    expect(decide({ OTEL_TRACES_SAMPLER: "parentbased_always_on" }, false)).toBe(OFF);
    expect(decide({ OTEL_TRACES_SAMPLER: "parentbased_always_on" }, true)).toBe(ON);
  });

  it("honours the ratio: 0 samples no root, 1 every root, a sampled parent wins when parent-based", () => {
    expect(decide({ OTEL_TRACES_SAMPLER: "traceidratio", OTEL_TRACES_SAMPLER_ARG: 0 })).toBe(OFF);
    expect(decide({ OTEL_TRACES_SAMPLER: "traceidratio", OTEL_TRACES_SAMPLER_ARG: 1 })).toBe(ON);
    expect(decide({ OTEL_TRACES_SAMPLER: "parentbased_traceidratio", OTEL_TRACES_SAMPLER_ARG: 0 })).toBe(OFF);
    expect(decide({ OTEL_TRACES_SAMPLER: "parentbased_traceidratio", OTEL_TRACES_SAMPLER_ARG: 0 }, true)).toBe(ON);
    expect(decide({ OTEL_TRACES_SAMPLER: "traceidratio", OTEL_TRACES_SAMPLER_ARG: 0 }, true)).toBe(OFF);
  });

  it("always_off and parentbased_always_off sample no root", () => {
    expect(decide({ OTEL_TRACES_SAMPLER: "always_off" }, true)).toBe(OFF);
    expect(decide({ OTEL_TRACES_SAMPLER: "parentbased_always_off" })).toBe(OFF);
    expect(decide({ OTEL_TRACES_SAMPLER: "always_on" }, false)).toBe(ON);
  });
});
