/**
 * Reads and validates a JSON request body (streamed up to a byte limit, read-body.ts; 1 MB unless
 * the route says otherwise). Everything a client can get wrong becomes a 4xx AppError with a
 * message that says what to fix.
 */
import type { z } from "zod";
import { AppError, type FieldIssue } from "./app-error";
import { readBodyBytes } from "./read-body";

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.join(".") || "(body)", message: i.message }));
}

export async function readJson(req: Request, limitBytes = 1_000_000): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (type && !/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError("unsupported_media_type", "Send the body as JSON (Content-Type: application/json).");
  }
  const buffer = await readBodyBytes(req, limitBytes);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(buffer);
  } catch {
    throw new AppError("bad_request", "The body is not valid UTF-8.");
  }
  if (!text.trim()) throw new AppError("bad_request", "The body is empty; send a JSON object.");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON.");
  }
}

/** `limitBytes`: routes open to anonymous callers (sign-in) pass a small one. */
export async function parseBody<S extends z.ZodType>(req: Request, schema: S, opts: { limitBytes?: number } = {}): Promise<z.infer<S>> {
  const parsed = schema.safeParse(await readJson(req, opts.limitBytes));
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    throw new AppError("bad_request", issues.map((i) => `${i.path}: ${i.message}`).join("; "), { issues });
  }
  return parsed.data;
}

export function parseQuery<S extends z.ZodType>(url: URL, schema: S): z.infer<S> {
  const parsed = schema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    throw new AppError("bad_request", issues.map((i) => `${i.path}: ${i.message}`).join("; "), { issues });
  }
  return parsed.data;
}
