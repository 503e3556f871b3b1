// A lean async iterator over a response body: plain event listeners, no generator layers
// (Node's Readable iterator plus a wrapping generator cost tens of µs per stream). Resets the
// stall timer on every chunk; leaving early (return()) closes the upstream socket.
import type http from "node:http";
import { ProviderError } from "./provider-error";

/** What the reader needs of the exchange it reads (HttpCall): its stall timer, its end and its
 *  failure. Declared here so the reader does not import the call that constructs it. */
export interface ReaderExchange {
  touchStall(ms: number): void;
  finish(): void;
  fail(error: ProviderError): void;
  toError(error: unknown): ProviderError;
}

type Waiter = { resolve: (r: IteratorResult<Buffer>) => void; reject: (e: unknown) => void };

const DONE: IteratorResult<Buffer> = { value: undefined, done: true };
const HIGH_WATER = 256 * 1024;

export class BodyReader implements AsyncIterableIterator<Buffer> {
  private readonly queue: Buffer[] = [];
  private queuedBytes = 0;
  private ended = false;
  private error: ProviderError | undefined;
  private waiter: Waiter | undefined;

  constructor(private readonly call: ReaderExchange, private readonly res: http.IncomingMessage, private readonly stallMs: number, private onFirst?: () => void) {
    res.on("data", this.onData);
    res.once("end", this.onEnd);
    res.once("error", this.onError);
    res.once("close", this.onClose);
    call.touchStall(stallMs);
  }

  private readonly onData = (part: Buffer) => {
    this.call.touchStall(this.stallMs);
    if (this.onFirst) {
      this.onFirst();
      this.onFirst = undefined;
    }
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = undefined;
      waiter.resolve({ value: part, done: false });
    } else {
      this.queue.push(part);
      this.queuedBytes += part.length;
      // Backpressure only past a high-water mark: pause/resume cycles cost more than small queues.
      if (this.queuedBytes > HIGH_WATER && !this.res.isPaused()) this.res.pause();
    }
  };

  private readonly onEnd = () => {
    this.ended = true;
    this.call.finish();
    this.wake();
  };

  private readonly onError = (error: unknown) => {
    this.error ??= this.call.toError(error);
    this.wake();
  };

  private readonly onClose = () => {
    if (this.ended || this.res.complete) return;
    this.error ??= this.call.toError(new ProviderError({ kind: "connection", message: "upstream closed the connection mid-stream" }));
    this.wake();
  };

  private wake(): void {
    const waiter = this.waiter;
    if (!waiter || this.queue.length > 0) return;
    this.waiter = undefined;
    if (this.error) {
      this.call.finish();
      waiter.reject(this.error);
    } else if (this.ended) waiter.resolve(DONE);
  }

  next(): Promise<IteratorResult<Buffer>> {
    if (this.queue.length > 0) {
      const value = this.queue.shift()!;
      this.queuedBytes -= value.length;
      if (this.queuedBytes <= HIGH_WATER / 2 && this.res.isPaused() && !this.ended) this.res.resume();
      return Promise.resolve({ value, done: false });
    }
    if (this.error) {
      this.call.finish();
      return Promise.reject(this.error);
    }
    if (this.ended) return Promise.resolve(DONE);
    return new Promise((resolve, reject) => (this.waiter = { resolve, reject }));
  }

  return(): Promise<IteratorResult<Buffer>> {
    if (!this.ended && !this.error) this.call.fail(new ProviderError({ kind: "aborted", message: "stream closed by the consumer" }));
    this.call.finish();
    return Promise.resolve(DONE);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
