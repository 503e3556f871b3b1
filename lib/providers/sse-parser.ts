// Incremental Server-Sent Events parser: bytes in any split (mid-line, mid-UTF-8 character,
// between \r and \n) → complete events. Comments and id/retry fields are ignored.
import { StringDecoder } from "node:string_decoder";

export interface SseEvent {
  event?: string;
  data: string;
}

const LF = 10;
const CR = 13;

export class SseParser {
  private readonly decoder = new StringDecoder("utf8");
  private buffer = "";
  private data: string[] = [];
  private event: string | undefined;
  private skipLeadingLf = false;

  /** Feeds bytes; returns the events completed by them (often none or one). */
  push(chunk: Uint8Array | string): SseEvent[] {
    const text = typeof chunk === "string" ? chunk : this.decoder.write(chunk as Buffer);
    const out: SseEvent[] = [];
    if (text.length === 0) return out;
    let buf = this.buffer.length > 0 ? this.buffer + text : text;
    let start = 0;
    if (this.skipLeadingLf && buf.charCodeAt(0) === LF) start = 1;
    this.skipLeadingLf = false;
    for (;;) {
      const eol = findEol(buf, start);
      if (eol === -1) break;
      this.line(buf.slice(start, eol), out);
      if (buf.charCodeAt(eol) === CR) {
        if (eol + 1 === buf.length) {
          this.skipLeadingLf = true; // the \n of a \r\n may arrive in the next chunk
          start = eol + 1;
          break;
        }
        start = buf.charCodeAt(eol + 1) === LF ? eol + 2 : eol + 1;
      } else start = eol + 1;
    }
    buf = start === 0 ? buf : buf.slice(start);
    this.buffer = buf;
    return out;
  }

  /** Flushes at end of input: a last event without its blank line still counts. */
  end(): SseEvent[] {
    const out: SseEvent[] = [];
    const rest = this.buffer + this.decoder.end();
    this.buffer = "";
    if (rest.length > 0) this.line(rest, out);
    this.line("", out);
    return out;
  }

  private line(line: string, out: SseEvent[]): void {
    if (line.length === 0) {
      if (this.data.length > 0) out.push(this.event === undefined ? { data: this.data.join("\n") } : { event: this.event, data: this.data.join("\n") });
      this.data = [];
      this.event = undefined;
      return;
    }
    if (line.charCodeAt(0) === 58 /* ":" comment */) return;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === "data") this.data.push(value);
    else if (field === "event") this.event = value;
  }
}

function findEol(buf: string, from: number): number {
  const lf = buf.indexOf("\n", from);
  const cr = buf.indexOf("\r", from);
  if (cr === -1) return lf;
  if (lf === -1) return cr;
  return Math.min(lf, cr);
}
