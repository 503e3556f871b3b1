/**
 * Real local receivers for alert tests: an HTTP server that records every POST (raw body,
 * headers) and answers the statuses it is told to (then 200), and an SMTP sink (smtp-server)
 * that keeps every message it receives.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { readBody } from "./upstreams/http-helpers";

export type ReceivedPost = { path: string; headers: http.IncomingHttpHeaders; raw: string; json: unknown; status: number };

export type WebhookReceiver = {
  url: string;
  posts: ReceivedPost[];
  /** Statuses for the next requests, in order; 200 once they are used up. */
  answer(...statuses: number[]): void;
  /** Answers these statuses (then 200) to the messages of one alert key only, whatever else arrives in between. */
  answerFor(key: string, ...statuses: number[]): void;
  close(): Promise<void>;
};

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const posts: ReceivedPost[] = [];
  const queue: number[] = [];
  const byKey = new Map<string, number[]>();
  const server = http.createServer(async (req, res) => {
    const raw = await readBody(req);
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      json = undefined;
    }
    const key = (json as { key?: unknown } | undefined)?.key;
    const status = (typeof key === "string" ? byKey.get(key)?.shift() : undefined) ?? queue.shift() ?? 200;
    posts.push({ path: req.url ?? "/", headers: req.headers, raw, json, status });
    res.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "ok" : "no");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    posts,
    answer: (...statuses) => void queue.push(...statuses),
    answerFor: (key, ...statuses) => void byKey.set(key, [...(byKey.get(key) ?? []), ...statuses]),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export type ReceivedMail = { from: string; to: string[]; data: string };

export async function startSmtpSink(): Promise<{ url: string; messages: ReceivedMail[]; close(): Promise<void> }> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const parts: Buffer[] = [];
      stream.on("data", (p: Buffer) => parts.push(p));
      stream.on("end", () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(parts).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
