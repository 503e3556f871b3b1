import { z } from "zod";
import { AppError } from "@/lib/http/app-error";
import { withRoute } from "@/lib/http/with-route";
import { cancelJob } from "@/lib/jobs/manage-jobs";

export const POST = withRoute<{ id: string }>({ permission: "jobs:manage" }, async (_req, { session, params }) => {
  if (!z.uuid().safeParse(params.id).success) throw new AppError("not_found", "No such job.");
  return { job: await cancelJob({ id: session.user.id, email: session.user.email }, params.id) };
});
