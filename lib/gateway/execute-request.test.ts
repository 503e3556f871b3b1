import { describe, expect, it } from "vitest";
import type { ProviderTarget } from "../providers/index";
import type { TierConfig } from "../routing/config-schema";
import type { Decision } from "../routing/types";
import type { ExecContext } from "./exec-context";
import { executeRequest } from "./execute-request";
import type { GatewayRuntime } from "./gateway-runtime";
import type { GatewayConfig } from "./load-gateway-config";

// The path no upstream is called on: every tier in the decision's chain has an open circuit.

describe("executeRequest when no tier may be called", () => {
  it("skips every tier whose circuit is open and fails with 'no tier could be tried', calling no upstream", async () => {
    const admitted: string[] = [];
    const runtime = { admit: (t: string) => (admitted.push(t), false), reportOutcome: () => {} } as unknown as GatewayRuntime;
    const tier = (name: string) => ({ name, enabled: true, inputUsdPerMTok: 1, outputUsdPerMTok: 1 }) as unknown as TierConfig;
    const config = {
      snapshot: { tiers: new Map([["small", tier("small")], ["large", tier("large")]]) },
      targets: new Map<string, ProviderTarget>([["small", { name: "small", model: "s", provider: "openai", baseUrl: "http://127.0.0.1:1/v1" } as ProviderTarget], ["large", { name: "large", model: "l", provider: "openai", baseUrl: "http://127.0.0.1:1/v1" } as ProviderTarget]]),
    } as unknown as GatewayConfig;
    const decision = { tier: "small", fallbacks: ["large"], escalation: null, hedge: null } as unknown as Decision;
    const x: ExecContext = { runtime, config, decision, policy: undefined, body: { messages: [] } as never, signal: new AbortController().signal, promptTokens: 10 };

    const exec = await executeRequest(x);
    expect(exec.ok).toBe(false);
    expect(!exec.ok && exec.error instanceof Error && exec.error.message).toBe("no tier could be tried");
    expect(exec.tier).toBe("large");
    expect(exec.fellBack).toBe(true);
    expect(exec.attempts.map((a) => [a.tier, a.outcome])).toEqual([["small", "skipped"], ["large", "skipped"]]);
    expect(admitted).toEqual(["small", "large"]);
  });
});
