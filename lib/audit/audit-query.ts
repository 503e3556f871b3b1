/** GET /api/admin/audit's query string and POST …/revert's body (zod; bad values → 400). */
import { z } from "zod";

const id = z.string().regex(/^\d{1,19}$/, "An entry id is a whole number.").transform((v) => BigInt(v));
const date = z.iso.datetime({ offset: true, message: "Use an ISO date-time, e.g. 2026-12-07T00:00:00Z." }).transform((v) => new Date(v));

export const auditQuerySchema = z.strictObject({
  targetType: z.string().trim().min(1).max(50).optional(),
  actor: z.string().trim().min(1).max(200).optional(),
  /** Exact, or a prefix ending in "*" ("tier.*"). */
  action: z.string().trim().min(1).max(100).optional(),
  from: date.optional(),
  to: date.optional(),
  before: id.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const auditIdSchema = id;

export const revertBodySchema = z.strictObject({ force: z.boolean().optional() });
