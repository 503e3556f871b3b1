/**
 * Parses the outcomes JSONL format (see data/README.md): one labeled request per line with what
 * each model scored on it. Validated line by line with zod: a bad line is reported with its
 * line number and reason, the rest are kept. Ids must be unique within a file.
 */
import { z } from "zod";
import { toChatTurns } from "./request-text";
import type { ClassifierInput } from "./types";

const outcomeSchema = z.looseObject({
  score: z.number().min(0).max(1),
  prompt_tokens: z.number().nonnegative().optional(),
  completion_tokens: z.number().nonnegative().optional(),
  cost_usd: z.number().nonnegative().optional(),
  response: z.string().optional(),
});

const messageSchema = z.looseObject({
  role: z.string().min(1),
  content: z.union([z.string(), z.array(z.unknown()), z.null()]).optional(),
});

function rowSchema<T extends z.ZodType>(outcomes: T) {
  return z
    .looseObject({
      id: z.union([z.string().min(1), z.number().transform(String)]),
      prompt: z.string().optional(),
      messages: z.array(messageSchema).min(1).optional(),
      outcomes,
      tags: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
    })
    .refine((r) => r.prompt !== undefined || r.messages !== undefined, { message: "needs `prompt` or `messages`" });
}

export const outcomeRowSchema = rowSchema(z.record(z.string().min(1), outcomeSchema).default({}));

/** For scoring: the request is all that matters, outcomes are not checked. */
const requestOnlySchema = rowSchema(z.unknown());

export type Outcome = z.infer<typeof outcomeSchema>;

export type OutcomeRow = {
  id: string;
  /** 1-based line number in the source file */
  line: number;
  input: ClassifierInput;
  outcomes: Record<string, Outcome>;
  tags: Record<string, string>;
};

export type ParseError = { line: number; reason: string };

export type ParsedOutcomes = { rows: OutcomeRow[]; errors: ParseError[] };

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length > 0 ? `${i.path.join(".")}: ${i.message}` : i.message))
    .join("; ");
}

export type ParseOptions = {
  /** accept any `outcomes` (they are not returned): for scoring requests only */
  requestsOnly?: boolean;
};

/** Parses one line; returns the row or the reason it was rejected. */
export function parseOutcomeLine(text: string, line: number, options: ParseOptions = {}): OutcomeRow | ParseError {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { line, reason: `invalid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const parsed = (options.requestsOnly ? requestOnlySchema : outcomeRowSchema).safeParse(json);
  if (!parsed.success) return { line, reason: describeIssues(parsed.error) };
  const r = parsed.data;
  const outcomes = options.requestsOnly ? {} : (r.outcomes as Record<string, Outcome>);
  const input: ClassifierInput = r.messages
    ? { messages: toChatTurns(r.messages) }
    : { messages: [{ role: "user", content: r.prompt ?? "" }] };
  const tags: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.tags ?? {})) if (v !== null) tags[k] = String(v);
  return { id: r.id, line, input, outcomes, tags };
}

/** Parses a whole JSONL text. Blank lines are ignored; duplicate ids are errors. */
export function parseOutcomes(text: string, options: ParseOptions = {}): ParsedOutcomes {
  const rows: OutcomeRow[] = [];
  const errors: ParseError[] = [];
  const firstLine = new Map<string, number>();
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (raw === "") continue;
    const result = parseOutcomeLine(raw, i + 1, options);
    if ("reason" in result) {
      errors.push(result);
      continue;
    }
    const seen = firstLine.get(result.id);
    if (seen !== undefined) {
      errors.push({ line: i + 1, reason: `duplicate id "${result.id}" (first on line ${seen})` });
      continue;
    }
    firstLine.set(result.id, i + 1);
    rows.push(result);
  }
  return { rows, errors };
}
