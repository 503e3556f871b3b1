import { z } from "zod";
import { withRoute } from "@/lib/auth/with-route";
import { findJob } from "@/lib/db/job-repo";
import { AppError } from "@/lib/http/app-error";
import { cancelJob } from "@/lib/jobs/manage-jobs";
import { QUEUES } from "@/lib/jobs/queue";

export const POST = withRoute<{ id: string }>({ permission: "lab:use" }, async (_req, { session, params }) => {
  const job = z.uuid().safeParse(params.id).success ? await findJob(params.id) : null;
  if (!job || job.type !== QUEUES.lab) throw new AppError("not_found", "No such lab run.");
  return { job: await cancelJob({ id: session.user.id, email: session.user.email }, params.id) };
});
