import { describe, expect, it } from "vitest";
import { assessAnswer, signalLabel } from "./assess-answer";
import { checkToolCalls } from "./assess-tool-calls";

const settings = { minConfidence: 0.5, noLogprobsConfidence: 0.7 };
const weather = {
  type: "function",
  function: {
    name: "get_weather",
    parameters: {
      type: "object",
      properties: { city: { type: "string" }, unit: { type: "string", enum: ["c", "f"] }, days: { type: "array", items: { type: "integer" } } },
      required: ["city"],
      additionalProperties: false,
    },
  },
};
const time = { type: "function", function: { name: "get_time" } };
const tools = [weather, time];
const call = (name: string, args: string) => ({ id: "c1", type: "function" as const, function: { name, arguments: args } });
const assess = (calls: ReturnType<typeof call>[], ctx: Parameters<typeof checkToolCalls>[1] = { tools }, content = "") =>
  assessAnswer({ content, finishReason: "tool_calls", toolCalls: calls }, settings, true, ctx);

describe("tool calls on their own merits", () => {
  it("a call of a declared tool with arguments that fit its schema is confident, content or not", () => {
    const a = assess([call("get_weather", '{"city":"Paris","unit":"c","days":[1,2]}')]);
    expect(a).toMatchObject({ confidence: 1, escalate: false });
    expect(a.signals.map(signalLabel)).toEqual(["tool-calls-valid"]);
  });

  it("parallel calls: all valid is confident; one bad call escalates", () => {
    expect(assess([call("get_weather", '{"city":"Paris"}'), call("get_time", "")]).escalate).toBe(false);
    const a = assess([call("get_weather", '{"city":"Paris"}'), call("get_weather", '{"unit":"c"}')]);
    expect(a).toMatchObject({ confidence: 0, escalate: true });
    expect(a.signals.map(signalLabel)).toEqual(['tool-call: get_weather arguments do not fit the schema: # Instance does not have required property "city".']);
  });

  it("says which problem: unknown tool, arguments not JSON, not an object, wrong type, enum, extra property", () => {
    const labels = (args: string, name = "get_weather") => assess([call(name, args)]).signals.map(signalLabel);
    expect(labels("{}", "send_email")).toEqual(["tool-call: unknown tool send_email"]);
    expect(labels('{"city": "Par')).toEqual(["tool-call: get_weather arguments are not JSON"]);
    expect(labels("[1]")).toEqual(["tool-call: get_weather arguments are not a JSON object"]);
    expect(labels('{"city": 3}')[0]).toMatch(/^tool-call: get_weather arguments do not fit the schema: #\/city .*string/);
    expect(labels('{"city": "Paris", "unit": "k"}')[0]).toMatch(/#\/unit .*any of/);
    expect(labels('{"city": "Paris", "days": ["x"]}')[0]).toMatch(/#\/days\/0 .*integer/);
    expect(labels('{"city": "Paris", "country": "FR"}')[0]).toMatch(/additional properties/);
  });

  it("a call without declared tools is an unknown tool", () => {
    expect(assess([call("get_weather", "{}")], {}).signals.map(signalLabel)).toEqual(["tool-call: unknown tool get_weather"]);
  });

  it("tool_choice: none forbids a call, a named function rules out others, required wants one", () => {
    expect(assess([call("get_time", "{}")], { tools, toolChoice: "none" }).signals.map(signalLabel)).toEqual(["tool-call: made, tool_choice is none"]);
    const named = { type: "function", function: { name: "get_weather" } };
    expect(assess([call("get_time", "{}")], { tools, toolChoice: named }).signals.map(signalLabel)).toEqual(["tool-call: get_time called, tool_choice names get_weather"]);
    expect(assess([call("get_weather", '{"city":"Oslo"}')], { tools, toolChoice: named }).escalate).toBe(false);
    const text = assessAnswer({ content: "It is sunny.", finishReason: "stop" }, settings, true, { tools, toolChoice: "required" });
    expect(text).toMatchObject({ confidence: 0, escalate: true });
    expect(text.signals.map(signalLabel)).toContain("tool-call: none made, tool_choice requires one");
    expect(assessAnswer({ content: "It is sunny.", finishReason: "stop" }, settings, true, { tools, toolChoice: "auto" }).escalate).toBe(false);
  });

  it("parallel_tool_calls false: several calls escalate, one is fine", () => {
    const two = [call("get_weather", '{"city":"Paris"}'), call("get_time", "{}")];
    expect(assess(two, { tools, parallelToolCalls: false }).signals.map(signalLabel)).toEqual(["tool-call: 2 calls made, parallel_tool_calls is false"]);
    expect(assess(two.slice(0, 1), { tools, parallelToolCalls: false }).escalate).toBe(false);
  });

  it("a schema the validator cannot compile judges the call on its name and JSON alone", () => {
    const odd = { type: "function", function: { name: "odd", parameters: { $ref: "#/$defs/missing" } } };
    expect(checkToolCalls([call("odd", '{"a":1}')], { tools: [odd] })).toEqual([]);
  });

  it("the turn after a tool result is text, judged as text", () => {
    const a = assessAnswer({ content: "It is 18°C in Paris.", finishReason: "stop" }, settings, true, { tools });
    expect(a).toMatchObject({ confidence: 0.7, escalate: false });
  });
});
