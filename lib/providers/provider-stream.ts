// Builds a ProviderStream from either raw OpenAI-compatible SSE bytes (passed through untouched
// by sse(), parsed on the side for the summary) or a source of chunk objects (serialized by sse()).
import { ChunkAccumulator } from "./answer";
import { ProviderError, withContext } from "./provider-error";
import type { ChatCompletionChunk, ProviderStream, StreamSummary } from "./types";

export type StreamSource =
  | { kind: "bytes"; bytes: AsyncIterable<Buffer>; decode: (bytes: Buffer) => ChatCompletionChunk[]; flush: () => ChatCompletionChunk[] }
  | { kind: "chunks"; chunks: AsyncIterable<ChatCompletionChunk> };

export interface StreamContext {
  tier: string;
  accumulator: ChunkAccumulator;
  now: () => number;
  startedAt: number;
  abort: () => void;
}

const DONE = Buffer.from("data: [DONE]\n\n");
const DEFER_BYTES = 64 * 1024;

export function serializeChunk(chunk: ChatCompletionChunk): Buffer {
  return Buffer.from(`data: ${JSON.stringify(chunk)}\n\n`);
}

/** One generator for both views and no nested generators: every layer costs promises per chunk. */
class SourceStream implements ProviderStream {
  readonly summary: Promise<StreamSummary>;
  private settle!: { resolve: (s: StreamSummary) => void; reject: (e: unknown) => void };
  private consumed = false;
  /** Bytes passed through but not parsed yet (pass-through mode): parsed by soFar() too. */
  private deferred: { drain: () => void } | null = null;

  constructor(private readonly source: StreamSource, private readonly ctx: StreamContext) {
    this.summary = new Promise<StreamSummary>((resolve, reject) => (this.settle = { resolve, reject }));
    this.summary.catch(() => {}); // whoever awaits it still sees the rejection; nobody awaiting must not crash
  }

  readonly abort = (): void => this.ctx.abort();

  soFar(): StreamSummary {
    try {
      this.deferred?.drain();
    } catch {
      // an event that does not parse (e.g. the upstream's error event): what came before it counts
    }
    return this.ctx.accumulator.summary();
  }

  private begin(): void {
    if (this.consumed) throw new Error("a ProviderStream can be consumed once (chunks() or sse())");
    this.consumed = true;
  }

  private failed(error: unknown): ProviderError {
    const err = withContext(error, this.ctx.tier, this.ctx.now() - this.ctx.startedAt);
    this.settle.reject(err);
    return err;
  }

  private leftEarly(): void {
    this.ctx.abort();
    this.failed(new ProviderError({ kind: "aborted", message: "stream closed by the consumer" }));
  }

  chunks(): AsyncGenerator<ChatCompletionChunk> {
    return this.consume(false) as AsyncGenerator<ChatCompletionChunk>;
  }

  sse(): AsyncGenerator<Uint8Array> {
    return this.consume(true) as AsyncGenerator<Uint8Array>;
  }

  /** The stream's one consumption, as chunks or as SSE bytes: the summary settles when the source
   *  ends or fails with its error; a consumer leaving early aborts the upstream. */
  private async *consume(asSse: boolean): AsyncGenerator<ChatCompletionChunk | Uint8Array> {
    this.begin();
    const { source, ctx } = this;
    let finished = false;
    try {
      if (source.kind === "chunks") {
        for await (const chunk of source.chunks) {
          ctx.accumulator.add(chunk);
          yield asSse ? serializeChunk(chunk) : chunk;
        }
        if (asSse) yield DONE;
      } else if (asSse) {
        const deferred = (this.deferred = this.deferredDecoder(source));
        for await (const bytes of source.bytes) {
          deferred.add(bytes);
          yield bytes;
        }
        deferred.end();
      } else {
        for await (const bytes of source.bytes) {
          for (const chunk of source.decode(bytes)) {
            ctx.accumulator.add(chunk);
            yield chunk;
          }
        }
        for (const chunk of source.flush()) {
          ctx.accumulator.add(chunk);
          yield chunk;
        }
      }
      finished = true;
      this.settle.resolve(ctx.accumulator.summary());
    } catch (error) {
      finished = true;
      throw this.failed(error);
    } finally {
      if (!finished) this.leftEarly();
    }
  }

  /** Pass-through: bytes go out first, parsing for the summary is deferred off the hot path (to
   *  the end of the stream, or whenever DEFER_BYTES have piled up). In-stream error events
   *  therefore surface at the end. */
  private deferredDecoder(source: Extract<StreamSource, { kind: "bytes" }>) {
    const { accumulator, now } = this.ctx;
    const pending: Array<{ bytes: Buffer; at: number }> = [];
    let pendingBytes = 0;
    const drain = () => {
      try {
        for (const p of pending) for (const chunk of source.decode(p.bytes)) accumulator.add(chunk, p.at);
      } finally {
        pending.length = 0; // parsed once, even when an event in them throws
        pendingBytes = 0;
      }
    };
    return {
      drain,
      add(bytes: Buffer) {
        pending.push({ bytes, at: now() });
        pendingBytes += bytes.length;
        if (pendingBytes > DEFER_BYTES) drain();
      },
      end() {
        drain();
        for (const chunk of source.flush()) accumulator.add(chunk);
      },
    };
  }
}

export function createProviderStream(source: StreamSource, ctx: StreamContext): ProviderStream {
  return new SourceStream(source, ctx);
}
