import { z } from "zod";
import { withRoute } from "@/lib/auth/with-route";
import { findJob } from "@/lib/db/job-repo";
import { AppError } from "@/lib/http/app-error";
import { QUEUES } from "@/lib/jobs/queue";

/** A lab run with its phase, progress and (once done) its report. */
export const GET = withRoute<{ id: string }>({ permission: "lab:use" }, async (_req, { params }) => {
  const job = z.uuid().safeParse(params.id).success ? await findJob(params.id) : null;
  if (!job || job.type !== QUEUES.lab) throw new AppError("not_found", "No such lab run.");
  return { job };
});
