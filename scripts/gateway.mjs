/**
 * `npm run gateway`: scripts/gateway.ts, compiled into one ES module first when its sources
 * changed (scripts/lib/compile-gateway.mjs), then run by plain Node, its request log written by a
 * worker thread compiled beside it (lib/gateway/request-log-sink.ts). Workers of GATEWAY_WORKERS
 * (node:cluster forks this file again) run the bundle their primary built.
 */
import cluster from "node:cluster";
import { pathToFileURL } from "node:url";
import { bundlePath, compiledGateway, threadPath } from "./lib/compile-gateway.mjs";

process.setSourceMapsEnabled(true); // stack traces name the TypeScript sources (cost only when a stack is read)
const file = cluster.isWorker ? bundlePath() : await compiledGateway();
// the request log's worker thread, compiled with the bundle (REQUEST_LOG_THREAD=false: not used)
process.env.FRONTDESK_REQUEST_LOG_THREAD_FILE = threadPath();
await import(pathToFileURL(file).href);
