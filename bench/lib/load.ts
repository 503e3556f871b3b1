/**
 * A small closed-loop load generator: `concurrency` keep-alive connections, each sending the next
 * request as soon as the previous answer is read. Records latency per request.
 */
import http from "node:http";

export type LoadResult = {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  samples: number[];
  /** With `spans: true`: each answered request's [start, end] in absolute ms (performance.timeOrigin + now),
   *  and its x-frontdesk-decision-id when the answer has one. */
  spans?: Array<Span>;
};

export type Span = [start: number, end: number, decisionId?: string];

export type LoadTarget = { url: string; headers: Record<string, string>; body: string };

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** One request; resolves with its status and the answer's x-frontdesk-decision-id (if any) once the body is read. */
function once(agent: http.Agent, target: LoadTarget, onHeaders?: (h: http.IncomingHttpHeaders) => void): Promise<{ status: number; decisionId?: string }> {
  const url = new URL(target.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, hostname: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { ...target.headers, "content-length": Buffer.byteLength(target.body) } },
      (res) => {
        onHeaders?.(res.headers);
        res.on("data", () => {});
        res.on("end", () => resolve({ status: res.statusCode ?? 0, decisionId: res.headers["x-frontdesk-decision-id"] as string | undefined }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(target.body);
  });
}

export async function runLoad(
  target: LoadTarget,
  opts: { concurrency: number; seconds: number; warmupSeconds?: number; onHeaders?: (h: http.IncomingHttpHeaders) => void; spans?: boolean },
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const run = async (seconds: number, record: boolean) => {
    const samples: number[] = [];
    const spans: Span[] = [];
    let errors = 0;
    const end = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: opts.concurrency }, async () => {
        while (performance.now() < end) {
          const t = performance.now();
          const { status, decisionId } = await once(agent, target, record ? opts.onHeaders : undefined).catch(() => ({ status: 0, decisionId: undefined }));
          if (status !== 200) errors++;
          else if (record) {
            const now = performance.now();
            samples.push(now - t);
            if (opts.spans) spans.push([performance.timeOrigin + t, performance.timeOrigin + now, decisionId]);
          }
        }
      }),
    );
    return { samples, spans, errors };
  };
  if (opts.warmupSeconds) await run(opts.warmupSeconds, false);
  const started = performance.now();
  const { samples, spans, errors } = await run(opts.seconds, true);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = [...samples].sort((a, b) => a - b);
  return { requests: samples.length, errors, seconds, rps: samples.length / seconds, p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), samples: sorted, ...(opts.spans ? { spans } : {}) };
}
