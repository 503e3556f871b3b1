import { z } from "zod";
import { withRoute } from "@/lib/auth/with-route";
import { AppError } from "@/lib/http/app-error";
import { discardClassifier } from "@/lib/jobs/promote-classifier";

/** A candidate set aside (audited); 409 for any other status. */
export const POST = withRoute<{ id: string }>({ permission: "jobs:manage" }, async (_req, { session, params }) => {
  if (!z.uuid().safeParse(params.id).success) throw new AppError("not_found", "No such classifier version.");
  return discardClassifier({ id: session.user.id, email: session.user.email }, params.id);
});
