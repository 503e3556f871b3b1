// A response body as its exchange (HttpCall) receives it: chunks are queued from the headers on
// (undici hands them over synchronously, often in the same tick as the headers), then read
// whole (text()) or iterated (stream()): a lean async iterator, no stream objects or generator
// layers (each costs promises per chunk). Iterating resets the stall timer on every chunk;
// leaving early closes the upstream socket.
import { ProviderError } from "./provider-error";

/** What the reader needs of the exchange it reads (HttpCall): its stall timer and its failure.
 *  Declared here so the reader does not import the call that constructs it. */
export interface ReaderExchange {
  touchStall(ms: number): void;
  fail(error: ProviderError): void;
}

/** The transport's flow control (undici's dispatch controller). */
export interface FlowControl {
  pause(): void;
  resume(): void;
  readonly paused: boolean;
}

type Waiter = { resolve: (r: IteratorResult<Buffer>) => void; reject: (e: unknown) => void };
type TextWaiter = { resolve: (text: string) => void; reject: (e: unknown) => void };

const DONE: IteratorResult<Buffer> = { value: undefined, done: true };
const HIGH_WATER = 256 * 1024;

export class BodyReader implements AsyncIterableIterator<Buffer> {
  private readonly queue: Buffer[] = [];
  private queuedBytes = 0;
  private ended = false;
  private error: ProviderError | undefined;
  private waiter: Waiter | undefined;
  private textWaiter: TextWaiter | undefined;
  /** Set by stream(): the stall timer runs from then on. */
  private stallMs = 0;
  private onFirst: (() => void) | undefined;

  constructor(private readonly call: ReaderExchange, private readonly flow: FlowControl) {}

  /** A chunk from the transport. */
  push(part: Buffer): void {
    if (this.stallMs > 0) this.call.touchStall(this.stallMs);
    if (this.onFirst) {
      this.onFirst();
      this.onFirst = undefined;
    }
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = undefined;
      waiter.resolve({ value: part, done: false });
      return;
    }
    this.queue.push(part);
    this.queuedBytes += part.length;
    // Backpressure only past a high-water mark (pause/resume cycles cost more than small queues),
    // and not while text() gathers the whole body anyway.
    if (this.queuedBytes > HIGH_WATER && !this.textWaiter && !this.flow.paused) this.flow.pause();
  }

  end(): void {
    this.ended = true;
    if (this.textWaiter) this.textWaiter.resolve(this.joined());
    else if (this.waiter && this.queue.length === 0) this.waiter.resolve(DONE);
    this.textWaiter = this.waiter = undefined;
  }

  /** The body failed (the transport's error, or the call's own failure). First error wins. */
  fail(error: ProviderError): void {
    if (this.ended || this.error) return;
    this.error = error;
    if (this.textWaiter) this.textWaiter.reject(error);
    else if (this.waiter && this.queue.length === 0) this.waiter.reject(error);
    this.textWaiter = this.waiter = undefined;
  }

  /** The whole body as UTF-8 text, once it has ended. */
  text(): Promise<string> {
    if (this.error) return Promise.reject(this.error);
    if (this.ended) return Promise.resolve(this.joined());
    const text = new Promise<string>((resolve, reject) => (this.textWaiter = { resolve, reject }));
    if (this.flow.paused) this.flow.resume();
    return text;
  }

  /** Iterates the body with a stall timer of `stallMs`; `onFirst` runs at the first chunk. */
  stream(stallMs: number, onFirst?: () => void): this {
    this.stallMs = stallMs;
    if (this.ended || this.error) return this;
    this.call.touchStall(stallMs);
    if (onFirst && this.queue.length > 0) onFirst();
    else this.onFirst = onFirst;
    return this;
  }

  private joined(): string {
    const { queue } = this;
    const text = queue.length === 1 ? queue[0].toString("utf8") : Buffer.concat(queue).toString("utf8");
    queue.length = 0;
    this.queuedBytes = 0;
    return text;
  }

  next(): Promise<IteratorResult<Buffer>> {
    if (this.queue.length > 0) {
      const value = this.queue.shift()!;
      this.queuedBytes -= value.length;
      if (this.queuedBytes <= HIGH_WATER / 2 && this.flow.paused && !this.ended) this.flow.resume();
      return Promise.resolve({ value, done: false });
    }
    if (this.error) return Promise.reject(this.error);
    if (this.ended) return Promise.resolve(DONE);
    return new Promise((resolve, reject) => (this.waiter = { resolve, reject }));
  }

  return(): Promise<IteratorResult<Buffer>> {
    if (!this.ended && !this.error) this.call.fail(new ProviderError({ kind: "aborted", message: "stream closed by the consumer" }));
    return Promise.resolve(DONE);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
