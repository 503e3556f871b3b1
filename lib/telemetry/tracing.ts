/**
 * OpenTelemetry tracing, set up once from the standard OTEL_* variables (lib/env.ts): off unless
 * OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is set (and OTEL_SDK_DISABLED
 * is not). On: a BasicTracerProvider with a BatchSpanProcessor exporting OTLP/HTTP JSON, the
 * sampler OTEL_TRACES_SAMPLER names, and the W3C trace-context propagator for `traceparent`.
 *
 * No global registration and no context manager: the gateway passes parent contexts explicitly
 * (lib/gateway/request-trace), so nothing here patches Node or reads async-local state. Off, the
 * cost per request is one property read (`tracing()` returns null) and no span object is made.
 */
import type { Tracer } from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { AlwaysOffSampler, AlwaysOnSampler, BasicTracerProvider, BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler, type Sampler } from "@opentelemetry/sdk-trace-base";
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from "@opentelemetry/semantic-conventions";
import { env, type Env } from "../env";
import { VERSION } from "../version";

export type Tracing = { tracer: Tracer; propagator: W3CTraceContextPropagator; provider: BasicTracerProvider; url: string };

// One per process, also when Next.js bundles this module a second time (as gatewayRuntime does).
const holder = globalThis as typeof globalThis & { __frontdeskTracing?: Tracing | null };

/** The tracer when tracing is on, else null; decided from the environment on first use. */
export function tracing(): Tracing | null {
  const current = holder.__frontdeskTracing;
  if (current !== undefined) return current;
  holder.__frontdeskTracing = setUpTracing(env());
  return holder.__frontdeskTracing;
}

/** Exports the spans ended so far (tests; a no-op when tracing is off). */
export async function flushTracing(): Promise<void> {
  await holder.__frontdeskTracing?.provider.forceFlush();
}

/** Flushes and shuts the exporter down (the gateway's stop); the next `tracing()` reads the environment again. */
export async function stopTracing(): Promise<void> {
  const current = holder.__frontdeskTracing;
  holder.__frontdeskTracing = undefined;
  await current?.provider.shutdown();
}

/** The traces URL: the signal's own endpoint as is, else the base endpoint + /v1/traces (the OTLP spec's rule). */
export function tracesUrl(e: Pick<Env, "OTEL_EXPORTER_OTLP_ENDPOINT" | "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT">): string | null {
  if (e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (!e.OTEL_EXPORTER_OTLP_ENDPOINT) return null;
  return `${e.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, "")}/v1/traces`;
}

/** "key=value,key2=value2" with URL-encoded values (the OTLP exporter spec's header list). */
export function parseOtlpHeaders(list: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const item of list.split(",")) {
    const at = item.indexOf("=");
    if (at <= 0) continue;
    const name = item.slice(0, at).trim().toLowerCase();
    const value = item.slice(at + 1).trim();
    try {
      headers[name] = decodeURIComponent(value);
    } catch {
      headers[name] = value;
    }
  }
  return headers;
}

export function samplerFrom(e: Pick<Env, "OTEL_TRACES_SAMPLER" | "OTEL_TRACES_SAMPLER_ARG">): Sampler {
  const ratio = () => new TraceIdRatioBasedSampler(e.OTEL_TRACES_SAMPLER_ARG ?? 1);
  switch (e.OTEL_TRACES_SAMPLER) {
    case "always_on":
      return new AlwaysOnSampler();
    case "always_off":
      return new AlwaysOffSampler();
    case "traceidratio":
      return ratio();
    case "parentbased_always_off":
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case "parentbased_traceidratio":
      return new ParentBasedSampler({ root: ratio() });
    default:
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}

function setUpTracing(e: Env): Tracing | null {
  const url = tracesUrl(e);
  if (!url || e.OTEL_SDK_DISABLED) return null;
  const headers = { ...parseOtlpHeaders(e.OTEL_EXPORTER_OTLP_HEADERS), ...parseOtlpHeaders(e.OTEL_EXPORTER_OTLP_TRACES_HEADERS) };
  const exporter = new OTLPTraceExporter({ url, headers });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: e.OTEL_SERVICE_NAME, [ATTR_SERVICE_VERSION]: VERSION }),
    sampler: samplerFrom(e),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  return { tracer: provider.getTracer("frontdesk", VERSION), propagator: new W3CTraceContextPropagator(), provider, url };
}
