/**
 * How the gateway's process collects garbage. V8 sizes the old generation tightly around what
 * survives (here ~1.2× of ~33 MB), so the few KB per request that outlive two scavenges brought a
 * mark-compact every ~2 s; its incremental marking and final pause (together 10–25 ms) stalled
 * every request in flight and were most of the gateway's p99. A larger growing factor lets the
 * old generation grow to `(1 + percent/100)×` the live size before the next one: at 200 %, one
 * every ~10–30 s under the same load, for some tens of MB more memory. 0 keeps V8's own choice.
 * The flag is read at every GC, so setting it at start-up (before any load) takes effect.
 */
import v8 from "node:v8";

export function tuneGcForLatency(heapGrowthPercent: number): void {
  if (heapGrowthPercent > 0) v8.setFlagsFromString(`--heap-growing-percent=${Math.round(heapGrowthPercent)}`);
}
