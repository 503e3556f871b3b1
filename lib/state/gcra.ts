/**
 * The generic cell rate algorithm (GCRA), the rate limit shared by gateway instances: one number
 * per key, the theoretical arrival time (TAT) of the next request. A key limited to N requests a
 * minute has an emission interval T = 60 000 / N ms and a burst of N: a request at `now` is
 * allowed when TAT − N·T ≤ now − T, i.e. the key has not used its N requests' worth of the last
 * window; it then moves TAT to max(TAT, now) + T. Same behaviour as a token bucket of N tokens
 * refilled at N a minute, in one stored number. `gcraStep` is the reference; GCRA_LUA is the same
 * step run atomically inside Redis on Redis's own clock (so instances' clocks need not agree).
 */
/** Rounding slack in ms: N intervals of 60 000 / N may add up to a hair over a minute. */
const SLACK_MS = 0.01;

export type GcraResult = { allowed: boolean; tat: number; retryAfterMs: number };

export function gcraStep(tat: number | null, now: number, limitPerMinute: number): GcraResult {
  const interval = 60_000 / limitPerMinute;
  const base = tat === null || tat < now ? now : tat;
  const next = base + interval;
  const allowAt = next - 60_000; // next − N·T; the slack absorbs the sums' rounding (and Redis's 3 decimals)
  if (allowAt - now > SLACK_MS) return { allowed: false, tat: base, retryAfterMs: Math.ceil(allowAt - now) };
  return { allowed: true, tat: next, retryAfterMs: 0 };
}

/**
 * KEYS[1] the key's TAT; ARGV[1] the limit per minute. Returns { allowed 1|0, retry-after ms }.
 * The TAT expires when it is in the past (the key is back to its full burst then).
 */
export const GCRA_LUA = `
local limit = tonumber(ARGV[1])
local interval = 60000 / limit
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local tat = tonumber(redis.call('GET', KEYS[1]))
if tat == nil or tat < now then tat = now end
local nextTat = tat + interval
local allowAt = nextTat - 60000
if allowAt - now > 0.01 then return {0, math.ceil(allowAt - now)} end
redis.call('SET', KEYS[1], string.format('%.3f', nextTat), 'PX', math.max(1, math.ceil(nextTat - now)))
return {1, 0}
`;
