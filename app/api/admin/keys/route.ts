import { z } from "zod";
import { createApiKeySchema } from "@/lib/auth/api-key-schemas";
import { createApiKey, listApiKeysWithSpend } from "@/lib/auth/manage-api-keys";
import { withRoute } from "@/lib/auth/with-route";
import { parseBody, parseQuery } from "@/lib/http/parse-body";

const listQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
  revoked: z.enum(["0", "1"]).default("0"),
});

/** Keys, newest first, each with its month-to-date spend (`monthToDateUsd`). */
export const GET = withRoute({ permission: "keys:manage" }, async (req) => {
  const q = parseQuery(new URL(req.url), listQuery);
  const { items, total, monthStart } = await listApiKeysWithSpend({ page: q.page, pageSize: q.pageSize, includeRevoked: q.revoked === "1" });
  return { items, total, page: q.page, pageSize: q.pageSize, monthStart };
});

/** Creates a key; the response is the only time the key itself is shown. */
export const POST = withRoute({ permission: "keys:manage" }, async (req, { session }) => {
  const input = await parseBody(req, createApiKeySchema);
  const { key, apiKey } = await createApiKey({ id: session.user.id, email: session.user.email }, input);
  return Response.json({ key, apiKey }, { status: 201, headers: { "cache-control": "no-store" } });
});
