/**
 * The shared pin store on Redis (REDIS_URL): one key per pin with the pin's expiry. Calls give up
 * after COMMAND_TIMEOUT_MS and are never queued while disconnected — a request never waits on an
 * unreachable Redis for more than that; the instance's own pins stand in (session-pins.ts).
 */
import Redis from "ioredis";
import type { PinStore } from "./session-pins";

const PREFIX = "frontdesk:pin:";
const COMMAND_TIMEOUT_MS = 50;

export class RedisPins implements PinStore {
  private readonly redis: Redis;

  constructor(url: string) {
    this.redis = new Redis(url, { lazyConnect: false, enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: COMMAND_TIMEOUT_MS, connectTimeout: 2_000 });
    this.redis.on("error", () => {}); // reconnects by itself; failed calls are counted by the caller
  }

  get(key: string): Promise<string | null> {
    return this.redis.get(PREFIX + key);
  }

  async set(key: string, tier: string, ttlMs: number): Promise<void> {
    await this.redis.set(PREFIX + key, tier, "PX", ttlMs);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
