// Plumbing shared by the upstream test servers: listening on 127.0.0.1, reading bodies,
// recording requests, pacing writes, closing with every socket destroyed.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Behavior } from "./behavior";

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON body (undefined for GET or invalid JSON). */
  body: unknown;
  receivedAt: number;
  /** "aborted" when the client closed the connection before the answer was complete. */
  outcome: "pending" | "finished" | "aborted";
  /** Settles with the outcome once the exchange is over. */
  done: Promise<"finished" | "aborted">;
}

export interface UpstreamServer {
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** TCP connections accepted so far (keep-alive reuse shows as connections < requests). */
  stats: { connections: number; requests: number };
  /** Behaviour applied to every request (before the model name's and the header's). */
  setDefaultBehavior(spec: string | undefined): void;
  close(): Promise<void>;
}

export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on("data", (part: Buffer) => parts.push(part));
    req.once("end", () => resolve(parts.length === 1 ? parts[0].toString("utf8") : Buffer.concat(parts).toString("utf8")));
    req.once("error", reject);
  });
}

export function record(req: http.IncomingMessage, res: http.ServerResponse, body: unknown, into: RecordedRequest[]): void {
  let resolveDone!: (o: "finished" | "aborted") => void;
  const entry: RecordedRequest = {
    method: req.method ?? "",
    path: req.url ?? "",
    headers: req.headers,
    body,
    receivedAt: Date.now(),
    outcome: "pending",
    done: new Promise((resolve) => (resolveDone = resolve)),
  };
  res.once("close", () => {
    entry.outcome = res.writableFinished ? "finished" : "aborted";
    resolveDone(entry.outcome);
  });
  into.push(entry);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Writes SSE events honouring the pacing switches; returns false if the stream was cut short. */
export async function writeEvents(res: http.ServerResponse, events: string[], b: Behavior): Promise<boolean> {
  for (let i = 0; i < events.length; i++) {
    if (res.destroyed) return false;
    if (b.stallAfter !== undefined && i === b.stallAfter) return false; // silent, socket left open
    if (b.dropAfter !== undefined && i === b.dropAfter) {
      await sleep(10); // let the events written so far reach the client first
      res.socket?.destroy();
      return false;
    }
    if (b.chunkDelayMs && i > 0) await sleep(b.chunkDelayMs);
    if (!b.splitBytes) {
      res.write(events[i]);
      continue;
    }
    const bytes = Buffer.from(events[i]);
    for (let at = 0; at < bytes.length; at += b.splitBytes) {
      res.write(bytes.subarray(at, at + b.splitBytes));
      await sleep(1);
    }
  }
  return true;
}

/** Applies delay/hang/drop; returns false when the request must not be answered. */
export async function preamble(req: http.IncomingMessage, b: Behavior): Promise<boolean> {
  if (b.drop) {
    req.socket.destroy();
    return false;
  }
  if (b.hang) return false;
  if (b.delayMs) await sleep(b.delayMs);
  return !req.socket.destroyed;
}

export async function listen(server: http.Server, port = 0): Promise<{ url: string; port: number; stats: UpstreamServer["stats"]; close: () => Promise<void> }> {
  const stats = { connections: 0, requests: 0 };
  server.on("connection", (socket) => {
    stats.connections++;
    socket.setNoDelay(true);
  });
  server.on("request", () => stats.requests++);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actual = (server.address() as AddressInfo).port;
  const close = () => new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  return { url: `http://127.0.0.1:${actual}`, port: actual, stats, close };
}

export function words(text: string): string[] {
  return text.match(/\S+\s*/g) ?? [];
}
