import { z } from "zod";
import { withRoute } from "@/lib/auth/with-route";
import { listJobs } from "@/lib/db/job-repo";
import { parseQuery, readJson } from "@/lib/http/parse-body";
import { startLabJob } from "@/lib/jobs/manage-jobs";
import { QUEUES } from "@/lib/jobs/queue";

const listQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(10),
});

/** Lab runs (replays and tier advice), newest first. */
export const GET = withRoute({ permission: "lab:use" }, async (req) => {
  const q = parseQuery(new URL(req.url), listQuery);
  return { ...(await listJobs({ type: QUEUES.lab, ...q })), page: q.page, pageSize: q.pageSize };
});

/** Start one: { kind: "replay", policy, from, to, candidate: { config?, classifierVersionId? } } or { kind: "advise-tiers", policy, from, to }. */
export const POST = withRoute({ permission: "lab:use" }, async (req, { session }) => {
  const job = await startLabJob({ id: session.user.id, email: session.user.email }, await readJson(req));
  return Response.json({ job }, { status: 201 });
});
