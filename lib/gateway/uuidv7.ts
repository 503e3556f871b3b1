import { randomFillSync } from "node:crypto";

// Random bytes come from a pool refilled 256 ids at a time: one randomBytes(16) call per
// request (a call into OpenSSL each time) cost about two thirds of a routing decision.
const POOL_IDS = 256;
const pool = Buffer.allocUnsafe(16 * POOL_IDS);
let next = POOL_IDS;

/** A UUIDv7 (RFC 9562): time-ordered, so request-log ids sort by creation time. */
export function uuidv7(now = Date.now()): string {
  if (next === POOL_IDS) {
    randomFillSync(pool);
    next = 0;
  }
  const bytes = pool.subarray(16 * next, 16 * ++next); // each slot is used once per refill
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
