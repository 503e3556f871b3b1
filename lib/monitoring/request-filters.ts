import { z } from "zod";

/** The stages a logged request can show, in cascade order: the engine's, then what execution made of it. */
export const LOGGED_STAGES = ["rule", "intent", "classifier", "speculative", "explore", "pinned", "budget", "bypass", "fallback", "escalation", "hedge"] as const;

/** Where a page of the request list ends: the (createdAt, id) of its last row, the list's order. */
export type RequestCursor = { at: Date; id: string };

/** `<createdAt in ms>_<id>`, as lib/db/request-log-repo.ts writes `nextCursor` (opaque to the console). */
const CURSOR_RE = /^(\d{1,15})_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

function parseRequestCursor(cursor: string): RequestCursor {
  const [, ms, id] = CURSOR_RE.exec(cursor)!;
  return { at: new Date(Number(ms)), id: id!.toLowerCase() };
}

/** Query parameters of GET /api/admin/requests (shared with the console's filter form). */
export const requestFiltersSchema = z.object({
  from: z.coerce.date({ error: "from must be a date (ISO 8601)" }).optional(),
  to: z.coerce.date({ error: "to must be a date (ISO 8601)" }).optional(),
  policy: z.string().trim().min(1).max(63).optional(),
  tier: z.string().trim().min(1).max(63).optional(),
  stage: z.enum(LOGGED_STAGES).optional(),
  status: z.enum(["ok", "error"]).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  cursor: z
    .string()
    .regex(CURSOR_RE, { error: "cursor must be a nextCursor of this list" })
    .transform(parseRequestCursor)
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
