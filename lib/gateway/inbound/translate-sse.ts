/**
 * Re-encodes the drivers' chat completion SSE (a replayed buffer or a live pass-through) as
 * another API's events. The source's end (its `return()`, when the client leaves) propagates, so
 * the upstream is still stopped by liveBody; an error event in the source (the upstream broke
 * mid-stream) becomes the target API's error event.
 */
import { SseParser } from "../../providers/sse-parser";
import type { ChatCompletionChunk } from "../../providers/index";

export interface EventWriter {
  /** Events before the first chunk (e.g. message_start, response.created). */
  start(): string;
  chunk(chunk: ChatCompletionChunk): string;
  /** Events after the last chunk (the stop reason and usage). */
  end(): string;
  error(message: string): string;
}

const encoder = new TextEncoder();

export function sseEvent(type: string, data: object): string {
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

type ErrorData = { error?: { message?: string } };

export async function* translateSse(chat: AsyncIterable<Uint8Array>, writer: EventWriter): AsyncIterable<Uint8Array> {
  const parser = new SseParser();
  yield encoder.encode(writer.start());
  const convert = (events: ReturnType<SseParser["push"]>): { out: string; failed: boolean } => {
    let out = "";
    for (const event of events) {
      if (event.data === "[DONE]") continue;
      const data = JSON.parse(event.data) as ChatCompletionChunk & ErrorData;
      if (data.error && !data.choices) return { out: out + writer.error(data.error.message ?? "the upstream stream broke"), failed: true };
      out += writer.chunk(data);
    }
    return { out, failed: false };
  };
  for await (const bytes of chat) {
    const { out, failed } = convert(parser.push(bytes));
    if (out) yield encoder.encode(out);
    if (failed) return;
  }
  const { out, failed } = convert(parser.end());
  yield encoder.encode(failed ? out : out + writer.end());
}
