import { z } from "zod";

/** The stages a logged request can show, in cascade order: the engine's, then what execution made of it. */
export const LOGGED_STAGES = ["rule", "intent", "classifier", "speculative", "explore", "pinned", "budget", "bypass", "fallback", "escalation", "hedge"] as const;

/** Query parameters of GET /api/admin/requests (shared with the console's filter form). */
export const requestFiltersSchema = z.object({
  from: z.coerce.date({ error: "from must be a date (ISO 8601)" }).optional(),
  to: z.coerce.date({ error: "to must be a date (ISO 8601)" }).optional(),
  policy: z.string().trim().min(1).max(63).optional(),
  tier: z.string().trim().min(1).max(63).optional(),
  stage: z.enum(LOGGED_STAGES).optional(),
  status: z.enum(["ok", "error"]).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  cursor: z.uuid({ error: "cursor must be a request id" }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
