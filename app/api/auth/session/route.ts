import { withRoute } from "@/lib/auth/with-route";

/** The signed-in user (401 when signed out). */
export const GET = withRoute({ auth: "session" }, async (_req, { session }) => ({ user: session.user }));
