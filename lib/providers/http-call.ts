// One upstream HTTP exchange over a pooled keep-alive socket: a deadline, a stall timer between
// body chunks, and an AbortSignal — any of which destroys the request (closing the socket).
import http from "node:http";
import https from "node:https";
import { urlToHttpOptions } from "node:url";
import { BodyReader, type ReaderExchange } from "./body-reader";
import { ProviderError } from "./provider-error";

export interface HttpCallInit {
  url: URL;
  method: "GET" | "POST";
  headers: http.OutgoingHttpHeaders;
  body?: string;
  agent: http.Agent;
  /** Deadline from start() until finish() (or until setDeadline moves it). */
  timeoutMs: number;
  signal?: AbortSignal;
}

const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT", "ERR_STREAM_PREMATURE_CLOSE"]);

const STALE_RESET_MS = 50;

/** A URL as node:http request options, converted once per URL object (targets reuse theirs):
 *  passing the URL itself makes node:http convert and merge it again on every request. */
const targets = new WeakMap<URL, http.RequestOptions>();

function requestTarget(url: URL): http.RequestOptions {
  let target = targets.get(url);
  if (!target) {
    target = urlToHttpOptions(url);
    targets.set(url, target);
  }
  return target;
}

export class HttpCall implements ReaderExchange {
  private req?: http.ClientRequest;
  private res?: http.IncomingMessage;
  private failure?: ProviderError;
  private deadline?: NodeJS.Timeout;
  private stall?: NodeJS.Timeout;
  private readonly onAbort = () => this.fail(new ProviderError({ kind: "aborted", message: "request aborted by the caller" }));

  constructor(private readonly init: HttpCallInit) {}

  /** Sends the request; resolves with the response once its headers arrive. */
  async start(): Promise<http.IncomingMessage> {
    const { signal, timeoutMs } = this.init;
    if (signal?.aborted) throw new ProviderError({ kind: "aborted", message: "request aborted by the caller" });
    signal?.addEventListener("abort", this.onAbort, { once: true });
    this.setDeadline(timeoutMs);
    try {
      const sentAt = performance.now();
      this.res = await this.send().catch((error: unknown) => {
        // A pooled socket the server had closed while idle resets at once: retry once on a fresh
        // one. A reset after that may follow real work upstream, so it is not retried (no double send).
        const stale = this.req?.reusedSocket && (error as NodeJS.ErrnoException).code === "ECONNRESET" && performance.now() - sentAt < STALE_RESET_MS;
        if (!this.failure && stale) return this.send();
        throw error;
      });
      return this.res;
    } catch (error) {
      this.finish();
      throw this.toError(error);
    }
  }

  private send(): Promise<http.IncomingMessage> {
    const { url, method, headers, body, agent } = this.init;
    return new Promise((resolve, reject) => {
      const request = url.protocol === "https:" ? https.request : http.request;
      const req = request({ ...requestTarget(url), method, headers, agent }, resolve);
      this.req = req;
      req.on("error", reject);
      req.end(body);
    });
  }

  /** Moves the deadline to `ms` from now (0 disables it). */
  setDeadline(ms: number, message = `upstream did not answer within ${this.init.timeoutMs} ms`): void {
    if (this.deadline) clearTimeout(this.deadline);
    this.deadline = undefined;
    if (ms > 0 && Number.isFinite(ms)) {
      this.deadline = setTimeout(() => this.fail(new ProviderError({ kind: "timeout", message })), ms);
      this.deadline.unref();
    }
  }

  /** Starts (or restarts) the stall timer: no body bytes for `ms` fails the call as "stalled". */
  touchStall(ms: number): void {
    if (this.stall) {
      this.stall.refresh();
      return;
    }
    this.stall = setTimeout(() => this.fail(new ProviderError({ kind: "stalled", message: `upstream stream stalled: no data for ${ms} ms` })), ms);
    this.stall.unref();
  }

  /** Fails the call with `error`, destroying the request and its socket. First failure wins. */
  fail(error: ProviderError): void {
    if (this.failure) return;
    this.failure = error;
    this.req?.destroy(error);
    this.res?.destroy(); // no error argument: nobody may be listening yet; readers map it to `failure`
    this.finish();
  }

  /** Clears the timers and the abort listener. Call exactly when the exchange is over. */
  finish(): void {
    if (this.deadline) clearTimeout(this.deadline);
    if (this.stall) clearTimeout(this.stall);
    this.deadline = this.stall = undefined;
    this.init.signal?.removeEventListener("abort", this.onAbort);
  }

  /** Maps anything thrown during the exchange to a ProviderError (the recorded failure wins). */
  toError(error: unknown): ProviderError {
    if (this.failure) return this.failure;
    if (error instanceof ProviderError) return error;
    const err = error as NodeJS.ErrnoException;
    const known = err?.code !== undefined && CONNECTION_CODES.has(err.code);
    return new ProviderError({
      kind: "connection",
      message: `upstream connection failed: ${known ? `${err.code} ` : ""}${err?.message ?? String(error)}`,
      code: err?.code,
      cause: error,
    });
  }

  /** Reads the whole body as text within the deadline, then finishes the call. */
  readText(): Promise<string> {
    const res = this.res!;
    return new Promise<string>((resolve, reject) => {
      const parts: Buffer[] = [];
      res.on("data", (part: Buffer) => parts.push(part));
      res.once("end", () => {
        this.finish();
        resolve(parts.length === 1 ? parts[0].toString("utf8") : Buffer.concat(parts).toString("utf8"));
      });
      res.once("error", (error) => reject(this.toError(error)));
      res.once("close", () => {
        if (!res.complete) reject(this.toError(new ProviderError({ kind: "connection", message: "upstream closed the connection mid-response" })));
      });
    });
  }

  /** Iterates the body, resetting the stall timer on every chunk (`onFirst` runs at the first).
   *  Leaving early closes the socket. */
  body(stallMs: number, onFirst?: () => void): AsyncIterableIterator<Buffer> {
    return new BodyReader(this, this.res!, stallMs, onFirst);
  }
}
