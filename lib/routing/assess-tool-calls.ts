/**
 * Tool calls judged on their own merits: a call of a declared tool (the request's `tools`) whose
 * arguments parse as JSON and fit that tool's JSON schema (`parameters`) is a confident answer.
 * Each problem is a signal that escalates: an unknown tool, arguments that are not JSON (or not
 * an object), arguments that do not fit the schema, a call `tool_choice` forbids or does not
 * name, no call when `tool_choice` requires one, several calls when `parallel_tool_calls` is false.
 * Parallel calls: every call must be valid.
 *
 * Schemas are checked with @cfworker/json-schema (pure JS, drafts 4 to 2020-12; `$ref` inside
 * the schema resolves). A schema the validator cannot compile is not held against the answer:
 * the call is then judged on its name and JSON alone.
 */
import { Validator } from "@cfworker/json-schema";

/** A declared tool, in OpenAI's request shape (the gateway passes the request's `tools`). */
export type ToolSpec = { type?: string; function: { name: string; parameters?: unknown } };
export type ToolChoiceSpec = "auto" | "none" | "required" | { type?: string; function: { name: string } } | (string & {});
export type ToolCallLike = { function: { name: string; arguments: string } };

/** What the request asked for: its declared tools, tool_choice and parallel_tool_calls. */
export type ToolContext = { tools?: readonly ToolSpec[]; toolChoice?: ToolChoiceSpec | null; parallelToolCalls?: boolean | null };

/** The problems found (empty: every call is valid). */
export function checkToolCalls(calls: readonly ToolCallLike[], context: ToolContext): string[] {
  const choice = context.toolChoice;
  if (calls.length === 0) return choice === "required" || typeof choice === "object" && choice ? ["none made, tool_choice requires one"] : [];
  const problems: string[] = [];
  if (choice === "none") problems.push("made, tool_choice is none");
  if (context.parallelToolCalls === false && calls.length > 1) problems.push(`${calls.length} calls made, parallel_tool_calls is false`);
  const declared = new Map((context.tools ?? []).map((t) => [t.function?.name, t]));
  for (const call of calls) {
    const name = call.function?.name ?? "";
    const tool = declared.get(name);
    if (!tool) {
      problems.push(`unknown tool ${name || "(no name)"}`);
      continue;
    }
    if (choice && typeof choice === "object" && choice.function?.name !== name) problems.push(`${name} called, tool_choice names ${choice.function?.name}`);
    const args = parseArguments(call.function.arguments);
    if (!args.ok) problems.push(`${name} arguments ${args.problem}`);
    else {
      const misfit = schemaMisfit(tool.function.parameters, args.value);
      if (misfit) problems.push(`${name} arguments do not fit the schema: ${misfit}`);
    }
  }
  return problems;
}

function parseArguments(text: string | undefined): { ok: true; value: unknown } | { ok: false; problem: string } {
  // An empty string is how some providers send "no arguments".
  if (text === undefined || text.trim() === "") return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: "are not JSON" };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return { ok: false, problem: "are not a JSON object" };
  return { ok: true, value };
}

const validators = new WeakMap<object, Validator | null>();

/** The first error of `value` against `schema`, or null when it fits (or cannot be checked). */
function schemaMisfit(schema: unknown, value: unknown): string | null {
  if (!schema || typeof schema !== "object") return null;
  let validator = validators.get(schema);
  if (validator === undefined) {
    try {
      validator = new Validator(schema as Record<string, unknown>, "2020-12", true);
    } catch {
      validator = null;
    }
    validators.set(schema, validator);
  }
  if (!validator) return null;
  try {
    const result = validator.validate(value);
    if (result.valid) return null;
    // The deepest error says the most ("#/city ... type"); the ones before it only echo it upward.
    // A "false" schema's error ("False boolean schema") says less than the additionalProperties one above it.
    const error = result.errors.filter((e) => e.keyword !== "false").at(-1) ?? result.errors[0];
    return error ? `${error.instanceLocation} ${error.error}` : "invalid";
  } catch {
    return null;
  }
}
