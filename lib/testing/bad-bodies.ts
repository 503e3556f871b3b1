/**
 * A generated corpus of requests the gateway must refuse (fast-check arbitraries, for
 * lib/gateway/bad-input.int.test.ts): each starts from a valid chat body and breaks it one way —
 * a missing or wrong model, broken messages, a wrongly typed field, an unknown or refused field,
 * a prototype key or an unpaired surrogate anywhere, nesting too deep, truncated JSON, bytes that
 * are not JSON, a wrong content type — and says which status it expects.
 */
import fc from "fast-check";
import { DROPPED_FIELDS, REFUSED_FIELDS } from "../gateway/chat-request-schema";
import { OPENAI_REQUEST_FIELDS, STREAM_FIELDS } from "../providers/request-fields";

export type ChatBody = { model: string; messages: Array<{ role: string; content: string }>; [field: string]: unknown };
export type BadRequest = { why: string; status: number; body: string | Uint8Array; contentType?: string };

const text = fc.string({ unit: "binary", maxLength: 80 }); // any code points, never a lone surrogate

/** Valid bodies for a gateway whose policy is `default` with the tier `fast`. */
export const validBody: fc.Arbitrary<ChatBody> = fc.record(
  {
    model: fc.constantFrom("frontdesk/auto", "frontdesk/default", "fast"),
    messages: fc.array(fc.record({ role: fc.constantFrom("system", "user", "assistant"), content: text }), { minLength: 1, maxLength: 3 }),
    temperature: fc.double({ min: 0, max: 2, noNaN: true }),
    max_tokens: fc.integer({ min: 1, max: 4096 }),
    stream: fc.boolean(),
    user: fc.string({ maxLength: 20 }),
    metadata: fc.record({ category: fc.string({ maxLength: 20 }) }),
  },
  { requiredKeys: ["model", "messages"] },
);

const KNOWN = new Set<string>(["model", "metadata", ...OPENAI_REQUEST_FIELDS, ...STREAM_FIELDS, ...DROPPED_FIELDS, ...REFUSED_FIELDS.keys()]);

const DEEP = "@@frontdesk-deep@@";
const json = (why: string, status: number, body: unknown): BadRequest => ({ why, status, body: JSON.stringify(body) });

/** The body's JSON with one key/value prepended to the top object or to one message (escaped spellings of the key included). */
function withRawKey(body: ChatBody, at: number, key: string, value: string): string {
  const { messages, ...rest } = body;
  const inject = (obj: object) => `{"${key}":${value}${Object.keys(obj).length ? "," : ""}${JSON.stringify(obj).slice(1)}`;
  const parts = messages.map((m, i) => (i === at ? inject(m) : JSON.stringify(m)));
  const top = `"messages":[${parts.join(",")}]${Object.keys(rest).length ? "," : ""}${JSON.stringify(rest).slice(1)}`;
  return at < 0 ? `{"${key}":${value},${top}` : `{${top}`;
}

/** A lone surrogate inserted into `s` at `index`: whatever it lands next to, the result is ill-formed. */
const withSurrogate = (s: string, index: number, unit: number) => s.slice(0, index % (s.length + 1)) + String.fromCharCode(unit) + s.slice(index % (s.length + 1));

function breakages(body: ChatBody): fc.Arbitrary<BadRequest> {
  const { model: _model, ...withoutModel } = body;
  const messageIndex = fc.integer({ min: -1, max: body.messages.length - 1 });
  return fc.oneof(
    fc.constant(json("missing model", 400, withoutModel)),
    fc.constantFrom(null, 7, true, [], {}, "", "m".repeat(201)).map((model) => json(`model ${JSON.stringify(model).slice(0, 20)}`, 400, { ...body, model })),
    fc.string({ minLength: 1, maxLength: 30 }).map((name) => json("unknown model", 404, { ...body, model: `nope-${name}` })),
    fc.constantFrom<unknown>(undefined, [], "hi", 42, [null], [{}], [{ role: "wizard", content: "x" }], [{ role: "user" }], [{ role: "user", content: 42 }], [{ role: "user", content: [{}] }], [{ role: "user", content: [{ type: "" }] }]).map(
      (messages) => json(`messages ${JSON.stringify(messages)}`, 400, { ...body, messages }),
    ),
    fc.constantFrom<[string, unknown]>(
      ["stream", "yes"], ["stream", 1], ["temperature", -1], ["temperature", 2.5], ["temperature", "hot"], ["n", 2], ["n", 0], ["max_tokens", 0], ["max_tokens", 1.5],
      ["max_completion_tokens", "many"], ["logprobs", "yes"], ["metadata", { category: 5 }], ["metadata", "x"], ["user", 5], ["user", "u".repeat(1001)], ["stream_options", 5],
    ).map(([field, value]) => json(`${field}: ${JSON.stringify(value).slice(0, 20)}`, 400, { ...body, [field]: value })),
    fc.tuple(fc.stringMatching(/^[a-z_]{1,20}$/).filter((f) => !KNOWN.has(f)), fc.jsonValue()).map(([field, value]) => json(`unknown field ${field}`, 400, { ...body, [field]: value })),
    fc.constantFrom<[string, unknown]>(["service_tier", "priority"], ["service_tier", "flex"], ["store", true], ["modalities", ["text", "audio"]], ["audio", { voice: "alloy" }], ["prediction", { type: "content", content: "x" }], ["web_search_options", {}], ["functions", []], ["function_call", "auto"]).map(
      ([field, value]) => json(`refused ${field}`, 400, { ...body, [field]: value }),
    ),
    fc.tuple(messageIndex, fc.constantFrom("__proto__", "constructor", "\\u005f_proto__", "\\u0063onstructor", "__pr\\u006fto__"), fc.constantFrom("{}", "1", '{"polluted":true}', "null")).map(([at, key, value]) => ({
      why: `key ${key} at ${at}`,
      status: 400,
      body: withRawKey(body, at, key, value),
    })),
    fc.tuple(fc.constantFrom("model", "content", "user", "category", "key"), fc.nat(), fc.integer({ min: 0xd800, max: 0xdfff })).map(([where, index, unit]) => {
      const broken = structuredClone(body);
      if (where === "model") broken.model = withSurrogate(body.model, index, unit);
      else if (where === "content") broken.messages[index % body.messages.length]!.content = withSurrogate(body.messages[index % body.messages.length]!.content, index, unit);
      else if (where === "user") broken.user = withSurrogate(String(body.user ?? ""), index, unit);
      else if (where === "category") broken.metadata = { category: withSurrogate("billing", index, unit) };
      else broken.metadata = { [withSurrogate("k", index, unit)]: "v" };
      return json(`lone surrogate U+${unit.toString(16)} in ${where}`, 400, broken);
    }),
    fc.integer({ min: 65, max: 3000 }).map((depth) => ({
      why: `nested ${depth} deep`,
      status: 400,
      body: JSON.stringify({ ...body, response_format: { type: "json_schema", json_schema: { name: "x", schema: DEEP } } }).replace(`"${DEEP}"`, `${"[".repeat(depth)}${"]".repeat(depth)}`),
    })),
    fc.nat().map((n) => {
      const full = JSON.stringify(body);
      return { why: "truncated JSON", status: 400, body: full.slice(0, n % full.length) };
    }),
    fc.jsonValue().filter((v) => v === null || typeof v !== "object" || Array.isArray(v)).map((v) => json(`JSON ${JSON.stringify(v).slice(0, 20)}, not an object`, 400, v)),
    fc.object().map((o) => json("an object of anything", 400, o)),
    fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => ({ why: "random bytes", status: 400, body: bytes })),
    fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml").map((contentType) => ({
      why: `content type ${contentType}`,
      status: 415,
      body: JSON.stringify(body),
      contentType,
    })),
  );
}

/** A valid body and one way of breaking it. */
export const validAndBroken: fc.Arbitrary<[ChatBody, BadRequest]> = validBody.chain((body) => fc.tuple(fc.constant(body), breakages(body)));
