import { sendTestAlert } from "@/lib/alerts/manage-alert-channels";
import { withRoute } from "@/lib/auth/with-route";

/** Sends a test message now (one attempt) and answers whether it arrived; the delivery is logged. */
export const POST = withRoute<{ id: string }>({ permission: "alerts:manage" }, async (_req, { params }) => sendTestAlert(params.id));
