import { z } from "zod";
import { updateApiKeySchema } from "@/lib/auth/api-key-schemas";
import { updateApiKey } from "@/lib/auth/manage-api-keys";
import { withRoute } from "@/lib/auth/with-route";
import { AppError } from "@/lib/http/app-error";
import { parseBody } from "@/lib/http/parse-body";

/** Rename, change policy or budget, or revoke (`{"revoked": true}`). */
export const PATCH = withRoute<{ id: string }>({ permission: "keys:manage" }, async (req, { session, params }) => {
  if (!z.uuid().safeParse(params.id).success) throw new AppError("not_found", "No such API key.");
  const patch = await parseBody(req, updateApiKeySchema);
  return { apiKey: await updateApiKey({ id: session.user.id, email: session.user.email }, params.id, patch) };
});
