/**
 * Reads and validates a JSON request body. Everything a client can get wrong becomes a 4xx
 * AppError with a message that says what to fix.
 */
import type { z } from "zod";
import { AppError, type FieldIssue } from "./app-error";

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.join(".") || "(body)", message: i.message }));
}

export async function readJson(req: Request, limitBytes = 1_000_000): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (type && !/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError("unsupported_media_type", "Send the body as JSON (Content-Type: application/json).");
  }
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > limitBytes) throw new AppError("payload_too_large", `The body is over the ${limitBytes}-byte limit.`);
  const buffer = Buffer.from(await req.arrayBuffer());
  if (buffer.length > limitBytes) throw new AppError("payload_too_large", `The body is over the ${limitBytes}-byte limit.`);
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

export async function parseBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const parsed = schema.safeParse(await readJson(req));
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
