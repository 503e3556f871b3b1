// Preloaded (--import) into the gateway by bench/gateway-tail.bench.ts: records, in absolute
// milliseconds (performance.timeOrigin + now, comparable across processes), every GC pause with
// its kind, every pg query's start and end, and every answered HTTP request's decision id, the
// moment node:http handed it to the gateway (headers parsed) and the moment the answer's last
// byte went to the socket; writes them to TAIL_PROBE_FILE on exit.
// Main thread only (the tsx loader's worker thread preloads it too).
import { writeFileSync } from "node:fs";
import { constants, performance, PerformanceObserver } from "node:perf_hooks";
import { isMainThread } from "node:worker_threads";
import http from "node:http";
import pg from "pg";

if (isMainThread && process.env.TAIL_PROBE_FILE) {
  const file = process.env.TAIL_PROBE_FILE;
  const T0 = performance.timeOrigin;
  const KINDS = {
    [constants.NODE_PERFORMANCE_GC_MINOR]: "scavenge",
    [constants.NODE_PERFORMANCE_GC_MAJOR]: "mark-compact",
    [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: "incremental marking",
    [constants.NODE_PERFORMANCE_GC_WEAKCB]: "weak callbacks",
  };
  const gc = [];
  const queries = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gc.push([T0 + e.startTime, e.duration, KINDS[e.detail?.kind] ?? "other"]);
  }).observe({ entryTypes: ["gc"] });
  // pg is CommonJS: this is the same module object the gateway imports.
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (...args) {
    const start = T0 + performance.now();
    const result = query.apply(this, args);
    if (result && typeof result.then === "function") result.then(() => queries.push([start, T0 + performance.now()]), () => {});
    return result;
  };
  const requests = [];
  // The fast path passes its headers to writeHead (not setHeader), so getHeader cannot see them.
  const writeHead = http.ServerResponse.prototype.writeHead;
  http.ServerResponse.prototype.writeHead = function (status, ...rest) {
    const headers = rest.find((arg) => arg && typeof arg === "object");
    if (headers?.["x-frontdesk-decision-id"]) this.decisionId = headers["x-frontdesk-decision-id"];
    return writeHead.call(this, status, ...rest);
  };
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (event, req, res) {
    if (event === "request") {
      const start = T0 + performance.now();
      res.once("finish", () => {
        const id = res.decisionId ?? res.getHeader("x-frontdesk-decision-id");
        if (id) requests.push([String(id), start, T0 + performance.now()]);
      });
    }
    return emit.apply(this, arguments);
  };
  process.on("exit", () => writeFileSync(file, JSON.stringify({ gc, queries, requests })));
}
