import { z } from "zod";
import { withRoute } from "@/lib/auth/with-route";
import { findJob } from "@/lib/db/job-repo";
import { AppError } from "@/lib/http/app-error";

/** A job with its phase and progress (poll this while it runs). */
export const GET = withRoute<{ id: string }>({ permission: "jobs:manage" }, async (_req, { params }) => {
  const job = z.uuid().safeParse(params.id).success ? await findJob(params.id) : null;
  if (!job) throw new AppError("not_found", "No such job.");
  return { job };
});
