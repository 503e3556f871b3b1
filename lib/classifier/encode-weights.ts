/**
 * Compact weights for the JSON artifact: a sparse list (original feature index, weight),
 * quantized to int16 with one scale per head, zeros dropped and at most `maxWeights` kept
 * (largest magnitudes). Indices are delta-encoded LEB128 varints; both arrays are base64.
 */
import { decodeBase64, encodeBase64 } from "./base64";

export type EncodedWeights = { scale: number; count: number; index: string; value: string };

export function encodeWeights(indices: ArrayLike<number>, weights: ArrayLike<number>, maxWeights = Infinity): EncodedWeights {
  let max = 0;
  for (let i = 0; i < weights.length; i++) max = Math.max(max, Math.abs(weights[i]));
  const scale = max > 0 ? max / 32767 : 1;
  let keep: number[] = [];
  for (let i = 0; i < weights.length; i++) if (Math.round(weights[i] / scale) !== 0) keep.push(i);
  if (keep.length > maxWeights) {
    keep.sort((a, b) => Math.abs(weights[b]) - Math.abs(weights[a]) || indices[a] - indices[b]);
    keep = keep.slice(0, maxWeights);
  }
  keep.sort((a, b) => indices[a] - indices[b]);
  const idxBytes: number[] = [];
  const values = new Uint8Array(keep.length * 2);
  let prev = 0;
  keep.forEach((i, j) => {
    let delta = indices[i] - prev;
    prev = indices[i];
    while (delta >= 128) {
      idxBytes.push((delta & 127) | 128);
      delta >>>= 7;
    }
    idxBytes.push(delta);
    const q = Math.round(weights[i] / scale) & 0xffff;
    values[2 * j] = q & 255;
    values[2 * j + 1] = q >> 8;
  });
  return { scale, count: keep.length, index: encodeBase64(Uint8Array.from(idxBytes)), value: encodeBase64(values) };
}

/** Decodes into a dense vector of length `dimension`; throws on malformed input. */
export function decodeWeights(w: EncodedWeights, dimension: number): Float32Array {
  const dense = new Float32Array(dimension);
  const idx = decodeBase64(w.index);
  const val = decodeBase64(w.value);
  if (val.length !== 2 * w.count) throw new Error("weights: value length does not match count");
  let at = 0;
  let prev = 0;
  for (let j = 0; j < w.count; j++) {
    let delta = 0;
    let shift = 0;
    for (;;) {
      if (at >= idx.length) throw new Error("weights: index data too short");
      const byte = idx[at++];
      delta += (byte & 127) * 2 ** shift;
      shift += 7;
      if (byte < 128) break;
    }
    prev += delta;
    if (prev >= dimension) throw new Error(`weights: index ${prev} out of range`);
    const q = val[2 * j] | (val[2 * j + 1] << 8);
    dense[prev] = (q >= 32768 ? q - 65536 : q) * w.scale;
  }
  return dense;
}
