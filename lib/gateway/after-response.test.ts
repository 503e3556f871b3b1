import { describe, expect, it } from "vitest";
import { GatewayRuntime } from "./gateway-runtime";

describe("GatewayRuntime.afterResponse", () => {
  it("runs tasks after the current turn, in order, past a throwing one; stop() runs what is left", async () => {
    const logged: string[] = [];
    const runtime = new GatewayRuntime((line) => logged.push(line));
    const ran: number[] = [];
    runtime.afterResponse(() => ran.push(1));
    runtime.afterResponse(() => {
      throw new Error("boom");
    });
    runtime.afterResponse(() => ran.push(3));
    expect(ran).toEqual([]); // nothing runs on the response's own turn
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran).toEqual([1, 3]);
    expect(logged.join("\n")).toContain("after-response task failed: boom");

    runtime.afterResponse(() => ran.push(4));
    await runtime.stop(100);
    expect(ran).toEqual([1, 3, 4]);
  });
});
