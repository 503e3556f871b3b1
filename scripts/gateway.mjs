/**
 * `npm run gateway`: scripts/gateway.ts, compiled into one ES module first when its sources
 * changed (scripts/lib/compile-gateway.mjs), then run by plain Node. Workers of GATEWAY_WORKERS
 * (node:cluster forks this file again) run the bundle their primary built.
 */
import cluster from "node:cluster";
import { pathToFileURL } from "node:url";
import { bundlePath, compiledGateway } from "./lib/compile-gateway.mjs";

process.setSourceMapsEnabled(true); // stack traces name the TypeScript sources (cost only when a stack is read)
const file = cluster.isWorker ? bundlePath() : await compiledGateway();
await import(pathToFileURL(file).href);
