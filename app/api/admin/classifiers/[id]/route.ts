import { z } from "zod";
import { withRoute } from "@/lib/auth/with-route";
import { findClassifierVersion } from "@/lib/db/classifier-repo";
import { AppError } from "@/lib/http/app-error";

/**
 * A version's metrics side by side with those of the classifier that was active when it was
 * trained, both measured on the same held-out split (metrics.candidate / metrics.active).
 */
export const GET = withRoute<{ id: string }>({ permission: "jobs:manage" }, async (_req, { params }) => {
  const version = z.uuid().safeParse(params.id).success ? await findClassifierVersion(params.id) : null;
  if (!version) throw new AppError("not_found", "No such classifier version.");
  const { artifact: _artifact, ...rest } = version;
  return { version: rest };
});
