/**
 * The shared pin store on Redis (REDIS_URL): one key per pin with the pin's expiry, on the
 * process's one connection (shared-redis.ts: calls give up after its command timeout and are never
 * queued while disconnected). A failed call rejects; SessionPins then uses the instance's own pins.
 */
import type { PinStore } from "./session-pins";
import type { SharedRedis } from "./shared-redis";

export class RedisPins implements PinStore {
  constructor(private readonly redis: SharedRedis) {}

  get(key: string): Promise<string | null> {
    return this.redis.client.get(this.redis.key(`pin:${key}`));
  }

  async set(key: string, tier: string, ttlMs: number): Promise<void> {
    await this.redis.client.set(this.redis.key(`pin:${key}`), tier, "PX", ttlMs);
  }

  /** The connection is the runtime's to close. */
  async close(): Promise<void> {}
}
