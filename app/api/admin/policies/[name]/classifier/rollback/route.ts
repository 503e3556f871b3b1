import { withRoute } from "@/lib/auth/with-route";
import { rollbackClassifier } from "@/lib/jobs/promote-classifier";

/** Re-activate the classifier that was active before the current one (or the built-in scorer). */
export const POST = withRoute<{ name: string }>({ permission: "jobs:manage" }, async (_req, { session, params }) =>
  rollbackClassifier({ id: session.user.id, email: session.user.email }, params.name),
);
