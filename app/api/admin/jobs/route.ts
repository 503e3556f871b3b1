import { z } from "zod";
import { withRoute } from "@/lib/auth/with-route";
import { listJobs } from "@/lib/db/job-repo";
import { readJson, parseQuery } from "@/lib/http/parse-body";
import { startRetrainJob } from "@/lib/jobs/manage-jobs";

const listQuery = z.object({
  type: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const GET = withRoute({ permission: "jobs:manage" }, async (req) => {
  const q = parseQuery(new URL(req.url), listQuery);
  return { ...(await listJobs(q)), page: q.page, pageSize: q.pageSize };
});

/** Start a retraining job: { policy, datasets?, labelsSince?, includeLabels?, includeEscalations?, holdout?, seed? }. */
export const POST = withRoute({ permission: "jobs:manage" }, async (req, { session }) => {
  const job = await startRetrainJob({ id: session.user.id, email: session.user.email }, await readJson(req));
  return Response.json({ job }, { status: 201 });
});
