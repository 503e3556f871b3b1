/**
 * Accumulates signed-hashed counts into a reusable scratch array and emits them as a sparse
 * vector: sublinear tf (sign * (1 + ln |count|)), L2-normalized per block.
 */

export type SparseVector = { idx: Int32Array; val: Float32Array };

/** Final mix of a 32-bit hash (murmur3 fmix32). */
export function mixHash(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** 1 + ln(n) for small integer counts. */
const TF_TABLE = Float64Array.from({ length: 256 }, (_, n) => (n > 0 ? 1 + Math.log(n) : 0));

export class SparseBuilder {
  /** signed count per bucket, valid where stamp === epoch (no clearing between requests) */
  private readonly counts: Int32Array;
  private readonly stamp: Int32Array;
  private epoch = 1;
  private readonly mask: number;
  private touched = new Int32Array(1024);
  private touchedCount = 0;
  private outIdx = new Int32Array(2048);
  private outVal = new Float32Array(2048);
  private outCount = 0;

  constructor(bits: number) {
    this.counts = new Int32Array(1 << bits);
    this.stamp = new Int32Array(1 << bits);
    this.mask = (1 << bits) - 1;
  }

  reset(): void {
    this.nextEpoch();
    this.outCount = 0;
  }

  private nextEpoch(): void {
    this.touchedCount = 0;
    if (++this.epoch === 0x7fffffff) {
      this.stamp.fill(0);
      this.epoch = 1;
    }
  }

  /** Adds one occurrence of a hashed feature (bucket and sign from the mixed hash). */
  addHash(hash: number): void {
    const m = mixHash(hash);
    const bucket = m & this.mask;
    const sign = m < 0 ? -1 : 1;
    if (this.stamp[bucket] !== this.epoch) {
      this.stamp[bucket] = this.epoch;
      this.counts[bucket] = sign;
      if (this.touchedCount === this.touched.length) {
        const grown = new Int32Array(this.touched.length * 2);
        grown.set(this.touched);
        this.touched = grown;
      }
      this.touched[this.touchedCount++] = bucket;
    } else this.counts[bucket] += sign;
  }

  /** Emits the buckets added since the last flush, normalized, and clears them. */
  flushBlock(): void {
    this.reserve(this.touchedCount);
    const start = this.outCount;
    const { counts, touched, outIdx, outVal } = this;
    let at = start;
    let norm = 0;
    for (let i = 0; i < this.touchedCount; i++) {
      const b = touched[i];
      const x = counts[b];
      if (x === 0) continue;
      const a = x > 0 ? x : -x;
      const tf = a < TF_TABLE.length ? TF_TABLE[a] : 1 + Math.log(a);
      const v = x > 0 ? tf : -tf;
      norm += v * v;
      outIdx[at] = b;
      outVal[at] = v;
      at++;
    }
    this.outCount = at;
    this.nextEpoch();
    if (norm > 0) {
      const inv = 1 / Math.sqrt(norm);
      for (let i = start; i < at; i++) outVal[i] *= inv;
    }
  }

  /** Makes room for `extra` more output entries. */
  private reserve(extra: number): void {
    const need = this.outCount + extra;
    if (need <= this.outIdx.length) return;
    let size = this.outIdx.length;
    while (size < need) size *= 2;
    const idx = new Int32Array(size);
    idx.set(this.outIdx);
    this.outIdx = idx;
    const val = new Float32Array(size);
    val.set(this.outVal);
    this.outVal = val;
  }

  /** Appends an entry as it is (no normalization). */
  pushRaw(index: number, value: number): void {
    this.reserve(1);
    this.outIdx[this.outCount] = index;
    this.outVal[this.outCount] = value;
    this.outCount++;
  }

  toVector(): SparseVector {
    return { idx: this.outIdx.slice(0, this.outCount), val: this.outVal.slice(0, this.outCount) };
  }

  /** The current entries without copying: valid until the next reset (read-only). */
  view(): { idx: Int32Array; val: Float32Array; count: number } {
    return { idx: this.outIdx, val: this.outVal, count: this.outCount };
  }

  /** Dot product of the current entries with a dense weight vector (no copy). */
  dot(weights: Float32Array | Float64Array): number {
    let s = 0;
    for (let i = 0; i < this.outCount; i++) s += weights[this.outIdx[i]] * this.outVal[i];
    return s;
  }
}
