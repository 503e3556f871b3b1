/**
 * A request body read as a stream up to a byte limit: a declared Content-Length over the limit
 * is refused before anything is read, and a body without one (chunked) is refused — its stream
 * cancelled — as soon as more than the limit has arrived. Memory held is at most the limit plus
 * one chunk, whatever the client sends.
 */
import { AppError } from "./app-error";

export async function readBodyBytes(req: Request, limitBytes: number, tooLarge = `The body is over the ${limitBytes}-byte limit.`): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > limitBytes) throw new AppError("payload_too_large", tooLarge);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      await reader.cancel().catch(() => {});
      throw new AppError("payload_too_large", tooLarge);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}
