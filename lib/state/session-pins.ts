/**
 * Pinning: the steps of one session (x-frontdesk-session or `user`) or one agent loop (the same
 * first messages) stay on the tier the last step was answered by — after an escalation, the
 * higher one. A bounded LRU with expiry per gateway instance; with a shared store (REDIS_URL)
 * every instance reads and writes the same pins, the local LRU standing in while the store is
 * unreachable.
 */
export interface PinStore {
  get(key: string): Promise<string | null>;
  set(key: string, tier: string, ttlMs: number): Promise<void>;
  close(): Promise<void>;
}

export class SessionPins {
  private readonly pins = new Map<string, { tier: string; expiresAt: number }>();
  /** Shared-store calls that failed (the local pin was used or kept instead). */
  remoteErrors = 0;

  constructor(
    private readonly maxEntries = 100_000,
    private readonly ttlMs = 30 * 60_000,
    private readonly remote: PinStore | null = null,
  ) {}

  get(key: string, now: number): string | undefined {
    const pin = this.pins.get(key);
    if (!pin) return undefined;
    if (pin.expiresAt <= now) {
      this.pins.delete(key);
      return undefined;
    }
    this.pins.delete(key);
    this.pins.set(key, pin);
    return pin.tier;
  }

  /** The pin as every instance sees it: the shared store's when there is one (and it answers), else this instance's. */
  async lookup(key: string, now: number): Promise<string | undefined> {
    if (this.remote) {
      try {
        const tier = await this.remote.get(key);
        if (tier) this.setLocal(key, tier, now);
        else this.pins.delete(key);
        return tier ?? undefined;
      } catch {
        this.remoteErrors++;
      }
    }
    return this.get(key, now);
  }

  set(key: string, tier: string, now: number) {
    this.setLocal(key, tier, now);
    this.remote?.set(key, tier, this.ttlMs).catch(() => this.remoteErrors++);
  }

  private setLocal(key: string, tier: string, now: number) {
    // moved to the end (most recent); an existing pin's entry is updated, not replaced (every answered step writes its pin)
    const pin = this.pins.get(key);
    if (pin) {
      this.pins.delete(key);
      pin.tier = tier;
      pin.expiresAt = now + this.ttlMs;
      this.pins.set(key, pin);
      return;
    }
    this.pins.set(key, { tier, expiresAt: now + this.ttlMs });
    if (this.pins.size > this.maxEntries) this.pins.delete(this.pins.keys().next().value!);
  }

  /** Pins live in a shared store (REDIS_URL). */
  get isShared(): boolean {
    return this.remote !== null;
  }

  get size() {
    return this.pins.size;
  }

  close(): Promise<void> {
    return this.remote?.close() ?? Promise.resolve();
  }
}
