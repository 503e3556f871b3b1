// One upstream HTTP exchange on a pooled undici connection: a deadline, a stall timer between
// body chunks, and an AbortSignal — any of which aborts the request (closing the socket).
// The call is itself the undici dispatch handler: no response stream objects, the body's chunks go
// straight to a BodyReader.
import type { Dispatcher } from "undici";
import { BodyReader, type ReaderExchange } from "./body-reader";
import { socketBytesRead } from "./http-pool";
import { ProviderError } from "./provider-error";

export type ResponseHeaders = Record<string, string | string[] | undefined>;

/** What start() resolves with: the answer's status line and headers (names lowercased). */
export interface ResponseHead {
  statusCode: number;
  headers: ResponseHeaders;
}

export interface HttpCallInit {
  url: URL;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  /** The origin's pool (http-pool). */
  pool: Dispatcher;
  /** Deadline from start() until finish() (or until setDeadline moves it). */
  timeoutMs: number;
  signal?: AbortSignal;
}

const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT", "UND_ERR_SOCKET", "UND_ERR_CLOSED", "UND_ERR_DESTROYED"]);

const STALE_RESET_MS = 50;

/** A URL's request path, computed once per URL object (targets reuse theirs). */
const paths = new WeakMap<URL, string>();

function requestPath(url: URL): string {
  let path = paths.get(url);
  if (path === undefined) {
    path = url.pathname + url.search;
    paths.set(url, path);
  }
  return path;
}

export class HttpCall implements ReaderExchange, Dispatcher.DispatchHandler {
  private controller?: Dispatcher.DispatchController;
  private reader?: BodyReader;
  private started?: { resolve: (head: ResponseHead) => void; reject: (error: unknown) => void };
  private failure?: ProviderError;
  private sentAt = 0;
  private retried = false;
  private deadline?: NodeJS.Timeout;
  private stall?: NodeJS.Timeout;
  private readonly onAbort = () => this.fail(new ProviderError({ kind: "aborted", message: "request aborted by the caller" }));

  constructor(private readonly init: HttpCallInit) {}

  /** Sends the request; resolves with the answer's head once its headers arrive. */
  start(): Promise<ResponseHead> {
    const { signal, timeoutMs } = this.init;
    if (signal?.aborted) return Promise.reject(new ProviderError({ kind: "aborted", message: "request aborted by the caller" }));
    signal?.addEventListener("abort", this.onAbort, { once: true });
    this.setDeadline(timeoutMs);
    const head = new Promise<ResponseHead>((resolve, reject) => (this.started = { resolve, reject }));
    this.send();
    return head;
  }

  private send(): void {
    const { url, method, headers, body, pool } = this.init;
    this.sentAt = performance.now();
    try {
      pool.dispatch({ path: requestPath(url), method, headers, body }, this);
    } catch (error) {
      this.onResponseError(undefined, error as Error);
    }
  }

  /** A pooled socket the server closed while idle, just as the request went out on it: retried
   *  once on another. undici checks an idle socket for a pending FIN/RST before writing on it, so
   *  this is the narrower race of the close crossing the request. A failure after that may follow
   *  real work upstream, so it is not retried (no double send). */
  private isStale(error: Error): boolean {
    if (this.retried || this.failure || !this.started || performance.now() - this.sentAt >= STALE_RESET_MS) return false;
    const code = (error as NodeJS.ErrnoException).code;
    // Bytes read on the socket and no head for this request: it had carried an earlier exchange
    // (or a head was cut short within 50 ms: a broken server, asked once more).
    return (code === "UND_ERR_SOCKET" || code === "ECONNRESET" || code === "EPIPE") && (socketBytesRead(error) ?? 0) > 0;
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.failure) controller.abort(this.failure); // failed while queued or connecting: send nothing
  }

  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: ResponseHeaders): void {
    if (statusCode < 200) return; // 1xx: the answer follows
    this.reader = new BodyReader(this, controller);
    const started = this.started!;
    this.started = undefined;
    started.resolve({ statusCode, headers });
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.reader!.push(chunk);
  }

  onResponseEnd(): void {
    this.finish();
    this.reader!.end();
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    if (this.isStale(error)) {
      this.retried = true;
      this.controller = undefined;
      this.send();
      return;
    }
    const mapped = this.toError(this.reader ? new ProviderError({ kind: "connection", message: `upstream closed the connection mid-response: ${error.message}`, code: (error as NodeJS.ErrnoException).code, cause: error }) : error);
    this.finish();
    const started = this.started;
    this.started = undefined;
    if (started) started.reject(mapped);
    else this.reader?.fail(mapped);
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

  /** Fails the call with `error`, aborting the request and closing its socket (once it has one:
   *  a request still queued or connecting is aborted as soon as it gets one). First failure wins. */
  fail(error: ProviderError): void {
    if (this.failure) return;
    this.failure = error;
    if (this.controller && !this.controller.aborted) this.controller.abort(error); // reports back through onResponseError
    this.onResponseError(undefined, error);
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

  /** Reads the whole body as text within the deadline. */
  readText(): Promise<string> {
    return this.reader!.text();
  }

  /** Iterates the body, resetting the stall timer on every chunk (`onFirst` runs at the first).
   *  Leaving early closes the socket. */
  body(stallMs: number, onFirst?: () => void): AsyncIterableIterator<Buffer> {
    return this.reader!.stream(stallMs, onFirst);
  }
}
