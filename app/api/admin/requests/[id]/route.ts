import { z } from "zod";
import { withRoute } from "@/lib/auth/with-route";
import { findRequest } from "@/lib/db/request-log-repo";
import { AppError } from "@/lib/http/app-error";

export const GET = withRoute<{ id: string }>({ permission: "requests:view" }, async (_req, { params }) => {
  const row = z.uuid().safeParse(params.id).success ? await findRequest(params.id) : null;
  if (!row) throw new AppError("not_found", "No such request.");
  return { request: row };
});
