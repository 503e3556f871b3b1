import { z } from "zod";
import { findRequest } from "@/lib/db/request-log-repo";
import { AppError } from "@/lib/http/app-error";
import { withRoute } from "@/lib/http/with-route";

export const GET = withRoute<{ id: string }>({ permission: "requests:view" }, async (_req, { params }) => {
  const row = z.uuid().safeParse(params.id).success ? await findRequest(params.id) : null;
  if (!row) throw new AppError("not_found", "No such request.");
  return { request: row };
});
