import { createChannelSchema } from "@/lib/alerts/channel-schemas";
import { createAlertChannel, listAlertChannels } from "@/lib/alerts/manage-alert-channels";
import { withRoute } from "@/lib/auth/with-route";
import { parseBody } from "@/lib/http/parse-body";

/** Alert channels by name; secrets as hints only. */
export const GET = withRoute({ permission: "alerts:manage" }, async () => ({ channels: await listAlertChannels() }));

/** Adds a channel (audited; the secret is stored encrypted and never returned). */
export const POST = withRoute({ permission: "alerts:manage" }, async (req, { session }) => {
  const input = await parseBody(req, createChannelSchema);
  const channel = await createAlertChannel({ id: session.user.id, email: session.user.email }, input);
  return Response.json({ channel }, { status: 201 });
});
