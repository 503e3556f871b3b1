/**
 * The one Redis connection of a process for shared hot state (REDIS_URL): rate limits, pins and
 * circuit breakers, budgets of every gateway instance. Failure mode: every call gives up after its
 * command timeout (REDIS_COMMAND_TIMEOUT_MS, 50 ms) and nothing is queued while disconnected (enableOfflineQueue off, no
 * retries), so a request never waits on an unreachable Redis for longer than that — the caller
 * uses its local state instead and the call is counted in `errors`. ioredis reconnects by itself;
 * `onReady` listeners run on every (re)connect, which is where callers re-sync their mirrors.
 * Pub/sub runs on a second connection (a subscribed connection can send nothing else).
 */
import Redis from "ioredis";

const CONNECT_TIMEOUT_MS = 2_000;
/** Reconnect after at most this long, so an instance rejoins within a second or two of Redis returning. */
const MAX_RECONNECT_DELAY_MS = 500;

export type RedisState = { shared: boolean; up: boolean; errors: number };

export class SharedRedis {
  readonly client: Redis;
  private subscriber: Redis | null = null;
  private readonly readyListeners: Array<() => void> = [];
  private readonly channels = new Map<string, (message: string) => void>();
  /** Calls that failed or timed out (the caller fell back to its local state). */
  errors = 0;

  /** `prefix`: put before every key and channel (REDIS_KEY_PREFIX), so deployments or tests can share one Redis.
   *  `commandTimeoutMs` (REDIS_COMMAND_TIMEOUT_MS): the longest a request waits on a Redis call. */
  constructor(url: string, readonly prefix = "frontdesk:", private readonly commandTimeoutMs = 50) {
    this.client = new Redis(url, this.options());
    this.client.on("error", () => {}); // reconnects by itself; failed calls are counted by their callers
    this.client.on("ready", () => this.readyListeners.forEach((listener) => listener()));
  }

  private options() {
    return {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: this.commandTimeoutMs,
      connectTimeout: CONNECT_TIMEOUT_MS,
      retryStrategy: (times: number) => Math.min(50 * times, MAX_RECONNECT_DELAY_MS),
    };
  }

  get isUp(): boolean {
    return this.client.status === "ready";
  }

  state(): RedisState {
    return { shared: true, up: this.isUp, errors: this.errors };
  }

  key(name: string): string {
    return this.prefix + name;
  }

  /** `listener` runs on every connect and reconnect (and now, when already connected). */
  onReady(listener: () => void): void {
    this.readyListeners.push(listener);
    if (this.isUp) listener();
  }

  /** Runs `call`; on failure counts it and returns `fallback()` instead. */
  async attempt<T>(call: (redis: Redis) => Promise<T>, fallback: () => T): Promise<T> {
    if (!this.isUp) {
      this.errors++;
      return fallback();
    }
    try {
      return await call(this.client);
    } catch {
      this.errors++;
      return fallback();
    }
  }

  /**
   * A Lua script as a command (EVALSHA; EVAL once when Redis lacks it), loaded into Redis on every
   * (re)connect so that a request's first call after a restart is one round trip, not two.
   */
  defineScript(name: string, numberOfKeys: number, lua: string): void {
    this.client.defineCommand(name, { numberOfKeys, lua });
    this.onReady(() => void this.client.script("LOAD", lua).catch(() => {})); // a client-side timeout still loads it
  }

  /** Delivers messages published on `channel` (prefixed) to `onMessage`; resubscribes after reconnects. */
  subscribe(channel: string, onMessage: (message: string) => void): void {
    const name = this.key(channel);
    this.channels.set(name, onMessage);
    if (!this.subscriber) {
      // offline queue on: the SUBSCRIBE waits for the connection; ioredis resubscribes after reconnects
      this.subscriber = this.client.duplicate({ enableOfflineQueue: true, commandTimeout: undefined });
      this.subscriber.on("error", () => {});
      this.subscriber.on("ready", () => this.readyListeners.forEach((listener) => listener())); // messages may have been missed
      this.subscriber.on("message", (ch: string, message: string) => this.channels.get(ch)?.(message));
    }
    this.subscriber.subscribe(name).catch(() => this.errors++);
  }

  publish(channel: string, message: string): void {
    if (!this.isUp) {
      this.errors++;
      return;
    }
    this.client.publish(this.key(channel), message).catch(() => this.errors++);
  }

  async close(): Promise<void> {
    // QUIT only on a live connection: on one that is reconnecting it would wait in the subscriber's offline queue
    const close = (c: Redis) => (c.status === "ready" ? c.quit().then(() => undefined, () => c.disconnect()) : c.disconnect());
    await Promise.all([this.client, this.subscriber].filter((c): c is Redis => c !== null).map(close));
  }
}
