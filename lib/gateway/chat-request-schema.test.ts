import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chatRequestSchema, isCommonChatBody } from "./chat-request-schema";

const anyValue = fc.oneof(fc.string({ maxLength: 5 }), fc.integer({ min: -3, max: 3 }), fc.double({ min: -1, max: 3, noNaN: true }), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({}));
/** Mostly a valid value of the field, sometimes anything. */
const mostly = <T,>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: anyValue });
const role = fc.oneof({ weight: 6, arbitrary: fc.constantFrom("system", "developer", "user", "assistant", "tool") }, { weight: 1, arbitrary: fc.constantFrom("robot", "", "User") });
const message = fc.record(
  {
    role,
    content: fc.oneof({ weight: 8, arbitrary: fc.string({ maxLength: 8 }) }, { weight: 1, arbitrary: fc.constantFrom(null, 7, [{ type: "text", text: "hi" }]) }),
    name: mostly(fc.string({ maxLength: 3 })),
    tool_call_id: mostly(fc.string({ maxLength: 3 })),
    extra: anyValue,
  },
  { requiredKeys: ["role"] },
);
const common = fc.record(
  {
    model: fc.oneof({ weight: 6, arbitrary: fc.constantFrom("frontdesk/auto", "fast") }, { weight: 1, arbitrary: fc.oneof(fc.constant(""), fc.string({ minLength: 199, maxLength: 201 }), fc.integer()) }),
    messages: fc.oneof({ weight: 6, arbitrary: fc.array(message, { minLength: 1, maxLength: 3 }) }, { weight: 1, arbitrary: fc.oneof(fc.constant([]), anyValue) }),
    stream: mostly(fc.boolean()),
    temperature: mostly(fc.oneof(fc.double({ min: 0, max: 2.5, noNaN: true }), fc.constant(null))),
    max_tokens: mostly(fc.oneof(fc.integer({ min: 1, max: 10_000 }), fc.constant(null))),
    max_completion_tokens: mostly(fc.integer({ min: 1, max: 10_000 })),
    user: mostly(fc.oneof(fc.string({ maxLength: 3 }), fc.string({ minLength: 1001, maxLength: 1001 }))),
    logprobs: mostly(fc.oneof(fc.boolean(), fc.constant(null))),
    top_p: anyValue,
    seed: anyValue,
  },
  { requiredKeys: ["model", "messages"] },
);
/** Fields the fast check leaves to the schema, now and then. */
const rare = fc.record({ n: fc.constantFrom(1, 2), metadata: fc.constant({ category: "x" }), store: fc.constantFrom(false, true), surprise: anyValue }, { requiredKeys: [] });
const body = fc.tuple(common, fc.option(rare, { freq: 3 })).map(([c, r]) => ({ ...c, ...r }));

describe("isCommonChatBody (the fast check before the chat schema)", () => {
  it("accepts only bodies the schema accepts, unchanged", () => {
    let accepted = 0;
    fc.assert(
      fc.property(body, (b) => {
        if (!isCommonChatBody(b)) return;
        accepted++;
        const parsed = chatRequestSchema.safeParse(b);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toEqual(b);
      }),
      { numRuns: 5000, seed: 20261207 },
    );
    expect(accepted).toBeGreaterThan(50); // the generator reaches the fast path, so the implication is tested
  });

  it("takes the common request, and leaves tool calls, content parts, metadata and refused fields to the schema", () => {
    const common = { model: "frontdesk/auto", messages: [{ role: "system", content: "be brief" }, { role: "user", content: "hi" }], temperature: 0.2, max_tokens: 100, stream: false, top_p: 1 };
    expect(isCommonChatBody(common)).toBe(true);
    expect(isCommonChatBody({ ...common, messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }] })).toBe(false);
    expect(isCommonChatBody({ ...common, messages: [{ role: "assistant", content: null, tool_calls: [] }] })).toBe(false);
    expect(isCommonChatBody({ ...common, metadata: { category: "x" } })).toBe(false);
    expect(isCommonChatBody({ ...common, store: true })).toBe(false);
    expect(isCommonChatBody({ ...common, temperature: 3 })).toBe(false);
    expect(isCommonChatBody({ messages: common.messages })).toBe(false);
  });
});
