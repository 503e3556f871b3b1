/**
 * What the shared rate limit costs a request: one GCRA step in Redis (EVALSHA on the process's
 * connection, lib/state/shared-rate-limits) next to the in-process token bucket it replaces
 * without REDIS_URL. Per call: latency alone (one call at a time: the round trip a request waits)
 * and at 10 calls in flight (a busy instance), and the gateway process's CPU per call (user +
 * system). Redis: BENCH_REDIS_URL (default redis://127.0.0.1:6379), keys under a throwaway prefix.
 * Then the same through the gateway: two `npm run gateway` processes on one database, a key limited
 * to 100,000 a minute, one instance without REDIS_URL and one with it, 10 connections for
 * BENCH_SECONDS (default 3) each in BENCH_GATEWAY_ROUNDS (default 3) rotating rounds, upstream answering
 * at once: latency and throughput side by side (the gateway's whole request, so the difference is what
 * the shared limit adds). Medians of the rounds, with the spread (lowest–highest round); asserts nothing.
 */
import { randomUUID } from "node:crypto";
import { startBenchGateway } from "./lib/bench-gateway";
import { percentile, runLoad } from "./lib/load";
import { runCli, spawnGateway } from "../lib/testing/spawn-gateway";
import { median, rotate } from "./lib/rounds";
import { SharedRateLimits } from "../lib/state/shared-rate-limits";
import { SharedRedis } from "../lib/state/shared-redis";

const CALLS = Number(process.env.BENCH_ITERATIONS ?? 5_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const KEYS = 100; // API keys the calls spread over
const LIMIT = 100_000; // per minute: high enough that every call is allowed (the common path)

type Round = { p50: number; p99: number; cpuUs: number; perSecond: number };

async function measure(limits: SharedRateLimits, inFlight: number): Promise<Round> {
  const samples: number[] = [];
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const worker = async () => {
    while (next < CALLS) {
      const key = `key-${next++ % KEYS}`;
      const t0 = performance.now();
      await limits.take(key, LIMIT);
      samples.push((performance.now() - t0) * 1000);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), cpuUs: (used.user + used.system) / CALLS, perSecond: CALLS / seconds };
}

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const GATEWAY_ROUNDS = Number(process.env.BENCH_GATEWAY_ROUNDS ?? 3);

async function throughGateway() {
  const bench = await startBenchGateway(`bench_rate_limit_${process.pid}`);
  const shared = await spawnGateway(bench.databaseUrl, { REDIS_URL: URL, REDIS_KEY_PREFIX: `bench-${randomUUID()}:` });
  try {
    const key = (await runCli(["keys", "create", "--name", "limited", "--rate-limit", "100000"], bench.databaseUrl)).trim();
    await new Promise((r) => setTimeout(r, 500)); // both instances reload their key table
    const target = (url: string) => ({ ...bench.chat, url: `${url}/api/v1/chat/completions`, headers: { ...bench.chat.headers, authorization: `Bearer ${key}` } });
    const targets = { local: target(bench.gateway.url), redis: target(shared.url) };
    for (const t of Object.values(targets)) await runLoad(t, { concurrency: 10, seconds: 1 }); // warm-up
    const results: Record<string, Array<{ p50: number; p99: number; rps: number; errors: number }>> = { local: [], redis: [] };
    for (let round = 0; round < GATEWAY_ROUNDS; round++) {
      for (const name of rotate(["local", "redis"] as const, round)) results[name]!.push(await runLoad(targets[name], { concurrency: 10, seconds: SECONDS }));
    }
    console.log(`\nthrough the gateway, 10 connections, ${SECONDS} s × ${GATEWAY_ROUNDS} rounds; medians (lowest–highest round)`);
    console.log("limiter  p50 ms              p99 ms              requests/s            errors");
    for (const name of ["local", "redis"]) {
      const r = results[name]!;
      console.log(`${name.padEnd(8)} ${fmt(r.map((x) => x.p50), 2).padEnd(19)} ${fmt(r.map((x) => x.p99), 2).padEnd(19)} ${fmt(r.map((x) => x.rps), 0).padEnd(21)} ${r.reduce((n, x) => n + x.errors, 0)}`);
    }
  } finally {
    await shared.stop();
    await bench.close();
  }
}

const fmt = (values: number[], digits = 1) => `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;

async function main() {
  const redis = new SharedRedis(URL, `bench-${randomUUID()}:`);
  for (let i = 0; i < 200 && !redis.isUp; i++) await new Promise((r) => setTimeout(r, 10));
  if (!redis.isUp) throw new Error(`Redis at ${URL} is not reachable`);
  const targets = { local: new SharedRateLimits(null), redis: new SharedRateLimits(redis) };
  for (const limits of Object.values(targets)) await measure(limits, 10); // warm-up (JIT, the script cached in Redis)
  const results: Record<string, Record<number, Round[]>> = { local: { 1: [], 10: [] }, redis: { 1: [], 10: [] } };
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of rotate(Object.keys(targets) as Array<keyof typeof targets>, round)) {
      for (const inFlight of [1, 10]) results[name]![inFlight]!.push(await measure(targets[name], inFlight));
    }
  }
  console.log(`${CALLS} calls × ${ROUNDS} rounds over ${KEYS} keys; medians (lowest–highest round); errors ${redis.errors}`);
  console.log("limiter  in flight  p50 µs              p99 µs              CPU µs/call        calls/s");
  for (const name of ["local", "redis"]) {
    for (const inFlight of [1, 10]) {
      const r = results[name]![inFlight]!;
      console.log(
        `${name.padEnd(8)} ${String(inFlight).padStart(9)}  ${fmt(r.map((x) => x.p50)).padEnd(19)} ${fmt(r.map((x) => x.p99)).padEnd(19)} ${fmt(r.map((x) => x.cpuUs)).padEnd(18)} ${fmt(r.map((x) => x.perSecond), 0)}`,
      );
    }
  }
  const keys = await redis.client.keys(`${redis.prefix}*`);
  if (keys.length) await redis.client.del(...keys);
  await redis.close();
  await throughGateway();
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
