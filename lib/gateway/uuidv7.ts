import { randomFillSync } from "node:crypto";

// Random bytes come from a pool refilled 256 ids at a time: one randomBytes(16) call per
// request (a call into OpenSSL each time) cost about two thirds of a routing decision.
const POOL_IDS = 256;
const pool = Buffer.allocUnsafe(16 * POOL_IDS);
let next = POOL_IDS;

// The id's text is written as hex digits into one buffer and read out as one string (hex-encoding
// the 16 bytes, then slicing and joining five parts, made six strings per request).
const HEX = Buffer.from("0123456789abcdef", "latin1");
const text = Buffer.alloc(36, "-");
/** Where each byte's two digits go in `text` (the dashes stay where they are). */
const DIGITS_AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

/** A UUIDv7 (RFC 9562): time-ordered, so request-log ids sort by creation time. */
export function uuidv7(now = Date.now()): string {
  if (next === POOL_IDS) {
    randomFillSync(pool);
    next = 0;
  }
  const at = 16 * next++; // each slot is used once per refill
  pool.writeUIntBE(now, at, 6);
  pool[at + 6] = (pool[at + 6]! & 0x0f) | 0x70;
  pool[at + 8] = (pool[at + 8]! & 0x3f) | 0x80;
  for (let i = 0; i < 16; i++) {
    const byte = pool[at + i]!;
    const d = DIGITS_AT[i]!;
    text[d] = HEX[byte >> 4]!;
    text[d + 1] = HEX[byte & 15]!;
  }
  return text.toString("latin1");
}
