/**
 * Session pinning: requests with the same x-frontdesk-session (or `user`) stay on the tier the
 * session last used. A bounded LRU with expiry, per gateway instance.
 */
export class SessionPins {
  private readonly pins = new Map<string, { tier: string; expiresAt: number }>();

  constructor(
    private readonly maxEntries = 100_000,
    private readonly ttlMs = 30 * 60_000,
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

  set(key: string, tier: string, now: number) {
    this.pins.delete(key);
    this.pins.set(key, { tier, expiresAt: now + this.ttlMs });
    if (this.pins.size > this.maxEntries) this.pins.delete(this.pins.keys().next().value!);
  }

  get size() {
    return this.pins.size;
  }
}
