/**
 * A real OTLP/HTTP trace receiver on 127.0.0.1 for tests and benchmarks: collects what is POSTed to
 * /v1/traces (OTLP/JSON, what @opentelemetry/exporter-trace-otlp-http sends) and flattens it into
 * spans. `discard` answers without keeping anything (the tracing benchmark).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedSpan = {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  /** OTLP's enum: 1 internal, 2 server, 3 client. */
  kind: number;
  startNs: bigint;
  endNs: bigint;
  attributes: Record<string, unknown>;
  status: { code?: number; message?: string };
  events: Array<{ name: string; attributes: Record<string, unknown> }>;
  resource: Record<string, unknown>;
};

export type OtlpReceiver = {
  /** Base URL (OTEL_EXPORTER_OTLP_ENDPOINT). */
  url: string;
  /** POSTs received and their body bytes (also while discarding). */
  posts: number;
  bytes: number;
  /** Request headers of each POST (the exporter's own: content type, OTEL_EXPORTER_OTLP_HEADERS). */
  headers: http.IncomingHttpHeaders[];
  spans: ReceivedSpan[];
  close(): Promise<void>;
};

type AnyValue = { stringValue?: string; intValue?: string | number; doubleValue?: number; boolValue?: boolean; arrayValue?: { values?: AnyValue[] } };
type KeyValue = { key: string; value: AnyValue };

function valueOf(v: AnyValue): unknown {
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(valueOf);
  return undefined;
}

const attributesOf = (list: KeyValue[] | undefined) => Object.fromEntries((list ?? []).map((kv) => [kv.key, valueOf(kv.value)]));

type ExportRequest = {
  resourceSpans?: Array<{
    resource?: { attributes?: KeyValue[] };
    scopeSpans?: Array<{ spans?: Array<{ traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; startTimeUnixNano: string | number; endTimeUnixNano: string | number; attributes?: KeyValue[]; status?: { code?: number; message?: string }; events?: Array<{ name: string; attributes?: KeyValue[] }> }> }>;
  }>;
};

export function spansOf(body: ExportRequest): ReceivedSpan[] {
  const spans: ReceivedSpan[] = [];
  for (const rs of body.resourceSpans ?? []) {
    const resource = attributesOf(rs.resource?.attributes);
    for (const ss of rs.scopeSpans ?? [])
      for (const s of ss.spans ?? [])
        spans.push({
          traceId: s.traceId,
          spanId: s.spanId,
          parentSpanId: s.parentSpanId ?? "",
          name: s.name,
          kind: s.kind,
          startNs: BigInt(s.startTimeUnixNano),
          endNs: BigInt(s.endTimeUnixNano),
          attributes: attributesOf(s.attributes),
          status: s.status ?? {},
          events: (s.events ?? []).map((e) => ({ name: e.name, attributes: attributesOf(e.attributes) })),
          resource,
        });
  }
  return spans;
}

export async function startOtlpReceiver(opts: { discard?: boolean } = {}): Promise<OtlpReceiver> {
  const receiver: Omit<OtlpReceiver, "url" | "close"> = { posts: 0, bytes: 0, headers: [], spans: [] };
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (part: Buffer) => {
      receiver.bytes += part.length;
      if (!opts.discard) parts.push(part);
    });
    req.on("end", () => {
      receiver.posts++;
      if (req.method !== "POST" || req.url !== "/v1/traces") {
        res.writeHead(404).end();
        return;
      }
      if (!opts.discard) {
        receiver.headers.push(req.headers);
        if (!String(req.headers["content-type"]).startsWith("application/json")) {
          res.writeHead(415).end(); // a test expecting JSON fails on its missing spans
          return;
        }
        receiver.spans.push(...spansOf(JSON.parse(Buffer.concat(parts).toString("utf8")) as ExportRequest));
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(receiver, {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}
