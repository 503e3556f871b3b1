import { z } from "zod";
import { withRoute } from "@/lib/auth/with-route";
import { listClassifierVersions } from "@/lib/db/classifier-repo";
import { parseQuery } from "@/lib/http/parse-body";

const query = z.object({ policy: z.string().trim().min(1).max(63).optional() });

/** Classifier versions (candidate / active / retired) with their metrics. */
export const GET = withRoute({ permission: "jobs:manage" }, async (req) => {
  const { policy } = parseQuery(new URL(req.url), query);
  return { items: await listClassifierVersions(policy) };
});
