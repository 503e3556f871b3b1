import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { beatInstance, forgetInstance, recentInstances } from "../db/instance-repo";
import { checkReadiness, gatewayWarnings, INSTANCE_SEEN_MS } from "./gateway-health";

// The heartbeat and what health makes of it: several instances seen lately without Redis is a warning.

const ids: string[] = [];
const beat = (redis: boolean, lastSeen = new Date()) => {
  const id = randomUUID();
  ids.push(id);
  return beatInstance({ id, host: "test-host", pid: 1, startedAt: new Date(), redis }, lastSeen);
};
const alone = { shared: false, up: false, errors: 0 };

afterAll(async () => {
  for (const id of ids) await forgetInstance(id);
});

describe("gateway health", () => {
  it("warns when more than one instance was seen lately without REDIS_URL, not for one or for stale rows", async () => {
    const before = await recentInstances(INSTANCE_SEEN_MS);
    await beat(false, new Date(Date.now() - 5 * 60_000)); // stopped answering minutes ago
    if (before.total === 0) {
      await beat(false);
      expect(await gatewayWarnings({ sharedState: () => alone })).toEqual([]);
    }
    await beat(false);
    const [warning, ...rest] = await gatewayWarnings({ sharedState: () => alone });
    expect(rest).toEqual([]);
    expect(warning).toMatch(/^\d+ gateway instances are running without REDIS_URL/);
    // with Redis configured the count is no concern; Redis being down is
    expect(await gatewayWarnings({ sharedState: () => ({ shared: true, up: true, errors: 0 }) })).toEqual([]);
    expect(await gatewayWarnings({ sharedState: () => ({ shared: true, up: false, errors: 3 }) })).toEqual([expect.stringMatching(/Redis \(REDIS_URL\) is unreachable/)]);
  });

  it("is ready once the config is loaded, whatever Redis does; degraded while the shared state is down", async () => {
    expect(await checkReadiness({ config: null, sharedState: () => alone })).toMatchObject({ ready: false, status: "degraded", config: "not-loaded", db: "ok" });
    const loaded = { config: {} as never, sharedState: () => ({ shared: true, up: false, errors: 1 }) };
    expect(await checkReadiness(loaded)).toMatchObject({ ready: true, status: "degraded", db: "ok", redis: { shared: true, up: false } });
  });
});
